/** Reads the UIDs of a Part-10 SEG we built, to tell the clinician where it went. */
// dcmjs ships no TypeScript declarations; the facade below types what this file uses.
// @ts-ignore -- untyped JavaScript module
import * as dcmjsModule from 'dcmjs';

interface DcmjsReadFacade {
  data: {
    DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, { Value?: unknown[] }> } };
  };
}
const dcmjs = ((dcmjsModule as { default?: DcmjsReadFacade }).default ?? dcmjsModule) as unknown as DcmjsReadFacade;

/** The identity of a stored instance. */
export interface InstanceIdentity {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
}

const TAGS = { StudyInstanceUID: '0020000D', SeriesInstanceUID: '0020000E', SOPInstanceUID: '00080018' } as const;

/** StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID of a Part-10 file. */
export function readSegIdentity(part10: ArrayBuffer): InstanceIdentity {
  const { dict } = dcmjs.data.DicomMessage.readFile(part10);
  const get = (tag: string, keyword: string): string => {
    const v = dict[tag]?.Value?.[0];
    if (typeof v !== 'string' || v === '') throw new Error(`The SEG built for saving has no ${keyword}; this is a bug in the SEG writer.`);
    return v;
  };
  return {
    StudyInstanceUID: get(TAGS.StudyInstanceUID, 'StudyInstanceUID'),
    SeriesInstanceUID: get(TAGS.SeriesInstanceUID, 'SeriesInstanceUID'),
    SOPInstanceUID: get(TAGS.SOPInstanceUID, 'SOPInstanceUID'),
  };
}
