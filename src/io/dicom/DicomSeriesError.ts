/** What went wrong while turning DICOM instances into a volume. */
export type DicomSeriesProblem =
  | 'not-dicom'
  | 'no-image-series'
  | 'several-series'
  | 'not-an-image'
  | 'unsupported-transfer-syntax'
  | 'unsupported-pixels'
  | 'missing-geometry'
  | 'mixed-orientations'
  | 'mixed-sizes'
  | 'duplicate-positions'
  | 'duplicate-instance'
  | 'irregular-spacing'
  | 'missing-slices'
  | 'truncated'
  | 'too-large';

/**
 * Thrown when DICOM files cannot be read as one image volume. `problem` lets callers (the CLI, the OHIF panel)
 * react; the message says what was found, what was expected and what to do.
 */
export class DicomSeriesError extends Error {
  override readonly name = 'DicomSeriesError';
  readonly problem: DicomSeriesProblem;

  constructor(problem: DicomSeriesProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}
