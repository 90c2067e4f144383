import { SegmentationType } from './enums';
import { SegmentationError } from './SegmentationError';

/**
 * Which SegmentationType a SEG gets (measured in test/e2e/SegReopen.spec.ts, OHIF 3.13.2 + Orthanc 1.10):
 * - BINARY (1 bit per pixel) whenever a frame holds a multiple of 8 pixels, so every frame starts on a byte:
 *   8× smaller, and the form every PACS and viewer reads (docs/dicom-seg-and-pacs.md rule 1).
 * - Otherwise FRACTIONAL with only the values 0 and MaximumFractionalValue (highdicom's "binary fractional"
 *   form). With Rows×Columns not a multiple of 8, BINARY frames start mid-byte, and OHIF 3.13 cannot show
 *   them: its whole-instance reader rejects the even-length pad byte or, without one, reverses bits inside
 *   bytes (wrong voxels), and Orthanc 1.10 answers 400 to per-frame retrieval of such frames.
 * A caller may force either; `confidence` (soft values) is FRACTIONAL by nature.
 */
export function segmentationTypeFor(
  rows: number, columns: number, requested: SegmentationType | undefined, hasConfidence: boolean,
): SegmentationType {
  if (hasConfidence) {
    if (requested === SegmentationType.BINARY) {
      throw new SegmentationError('segmentationType BINARY cannot hold fractional.confidence; drop one of the two.');
    }
    return SegmentationType.FRACTIONAL;
  }
  if (requested !== undefined) {
    if (!Object.values(SegmentationType).includes(requested)) {
      throw new SegmentationError(`segmentationType "${requested}" is not BINARY or FRACTIONAL.`);
    }
    return requested;
  }
  return (rows * columns) % 8 === 0 ? SegmentationType.BINARY : SegmentationType.FRACTIONAL;
}
