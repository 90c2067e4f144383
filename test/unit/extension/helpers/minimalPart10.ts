// @ts-ignore -- dcmjs ships no TypeScript declarations
import * as dcmjsModule from 'dcmjs';

interface Dcmjs {
  data: { DicomMetaDictionary: { uid(): string }; datasetToDict(d: Record<string, unknown>): { write(): ArrayBuffer } };
}
const dcmjs = ((dcmjsModule as { default?: Dcmjs }).default ?? dcmjsModule) as Dcmjs;

/**
 * A small real Part-10 file with fresh Series/SOP UIDs in `studyInstanceUid`, standing in for the SEG writer in
 * tests of the save flow (the writer itself is tested in test/unit/seg). Records the builder's input for checks.
 */
export function minimalPart10Builder(studyInstanceUid: string) {
  const inputs: unknown[] = [];
  const build = (input: unknown): ArrayBuffer => {
    inputs.push(input);
    const sop = dcmjs.data.DicomMetaDictionary.uid();
    return dcmjs.data.datasetToDict({
      _meta: {
        FileMetaInformationVersion: new Uint8Array([0, 1]).buffer, MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
        MediaStorageSOPInstanceUID: sop, TransferSyntaxUID: '1.2.840.10008.1.2.1', ImplementationClassUID: '1.2.3.4.5',
      },
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4', SOPInstanceUID: sop, StudyInstanceUID: studyInstanceUid,
      SeriesInstanceUID: dcmjs.data.DicomMetaDictionary.uid(), Modality: 'SEG',
    }).write();
  };
  return { build, inputs };
}
