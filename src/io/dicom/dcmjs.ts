/**
 * Typed facade over the parts of dcmjs we use (dcmjs ships no TypeScript declarations). Datasets are
 * dcmjs-*naturalized*: keys are DICOM keywords, sequences are arrays of items, multi-valued attributes are
 * arrays, PixelData is an array of ArrayBuffers (one per fragment, or one for native data).
 */
// @ts-ignore -- untyped JavaScript module (ts-ignore, not ts-expect-error: stays valid if types are added)
import * as dcmjsModule from 'dcmjs';

/** A naturalized DICOM dataset (OHIF's `displaySet.instances` items have the same shape, without pixels). */
export type NaturalizedDataset = Record<string, unknown>;

interface DicomDict {
  meta: Record<string, unknown>;
  dict: Record<string, unknown>;
  write(options?: Record<string, unknown>): ArrayBuffer;
}

interface Dcmjs {
  log: { getLogger(name: string): { setLevel(level: string): void } };
  data: {
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict };
    DicomMetaDictionary: {
      naturalizeDataset(dict: Record<string, unknown>): NaturalizedDataset;
      denaturalizeDataset(dataset: NaturalizedDataset): Record<string, unknown>;
      uid(): string;
    };
    DicomDict: new (meta: Record<string, unknown>) => DicomDict;
  };
}

const dcmjs = ((dcmjsModule as { default?: Dcmjs }).default ?? dcmjsModule) as unknown as Dcmjs;

/** A parsed Part-10 file: its File Meta Information and its dataset, both naturalized. */
export interface Part10 {
  meta: NaturalizedDataset;
  dataset: NaturalizedDataset;
}

/**
 * Parses a DICOM Part-10 file.
 * @throws Error from dcmjs when the bytes are not Part 10 (no "DICM" preamble); callers wrap it.
 */
export function readPart10(buffer: ArrayBuffer): Part10 {
  const dict = dcmjs.data.DicomMessage.readFile(buffer);
  return {
    meta: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.meta),
    dataset: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict),
  };
}

/** Encodes a naturalized dataset as a Part-10 file with the given (naturalized) File Meta Information. */
export function writePart10(meta: NaturalizedDataset, dataset: NaturalizedDataset): ArrayBuffer {
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return dict.write();
}

/** A new UID (dcmjs's 2.25 UUID-derived form). */
export function newUid(): string {
  return dcmjs.data.DicomMetaDictionary.uid();
}

/** Naturalizes a DICOM JSON dataset (PS3.18 F.2, e.g. a QIDO-RS or WADO-RS metadata item). */
export function naturalizeDicomJson(json: Record<string, unknown>): NaturalizedDataset {
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(json);
}

/**
 * Sets the level of dcmjs's "validation.dcmjs" logger, which prints e.g. "Invalid vr type ox - using OW" for
 * harmless implicit-VR pixel data. The CLI silences it because stderr is its progress channel.
 */
export function setDcmjsValidationLogLevel(level: 'silent' | 'error' | 'warn' | 'info'): void {
  dcmjs.log.getLogger('validation.dcmjs').setLevel(level);
}
