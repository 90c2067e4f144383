/**
 * Thrown when bytes handed to a reader are not a volume the reader can decode (wrong magic, unsupported data
 * type, truncated data) or a volume cannot be written. The message says what was expected, what was found and
 * what to do.
 */
export class ImageFormatError extends Error {
  override readonly name = 'ImageFormatError';
  /** The file format being read or written. */
  readonly format: 'NIfTI' | 'MGH' | 'DICOM';

  constructor(format: 'NIfTI' | 'MGH' | 'DICOM', message: string) {
    super(`${format}: ${message}`);
    this.format = format;
  }
}
