import type { SegBuildInput } from './saveSegmentation';
import { SaveError } from './SaveError';

/** Adapter to src/seg's buildSegmentation (TEMPORARY until src/seg lands: refuses with a clear message). */
export function buildSegmentationForSave(_input: SegBuildInput): ArrayBuffer {
  throw new SaveError('The DICOM-SEG writer (src/seg) is not part of this build yet.');
}
