/**
 * Thrown when a segmentation cannot be built or read: invalid segment descriptions, a labelmap whose grid
 * differs from the source series, or a SEG we cannot decode. The message names the DICOM keyword involved,
 * what was expected, what was found, and what to do.
 */
export class SegmentationError extends Error {
  override readonly name: string = 'SegmentationError';
}

/** The labelmap's grid is not the source series' grid (dimensions, spacing, origin or direction differ): the
 *  engine's one class, from src/volume. */
export { GeometryMismatchError } from '../volume/GeometryMismatchError';
