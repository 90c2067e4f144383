/** Defined terms and UIDs of the Segmentation IOD (DICOM PS3.3 C.8.20), named as in the standard. */

/** SegmentAlgorithmType (0062,0008). */
export enum SegmentAlgorithmType {
  /** Drawn by a person: scribbles. */
  MANUAL = 'MANUAL',
  /** A person guided an algorithm: a model trained on scribbles. */
  SEMIAUTOMATIC = 'SEMIAUTOMATIC',
  AUTOMATIC = 'AUTOMATIC',
}

/** SegmentationType (0062,0001). */
export enum SegmentationType {
  BINARY = 'BINARY',
  FRACTIONAL = 'FRACTIONAL',
}

/** SegmentationFractionalType (0062,0010). */
export enum SegmentationFractionalType {
  PROBABILITY = 'PROBABILITY',
  OCCUPANCY = 'OCCUPANCY',
}

/** Segmentation Storage SOP Class. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
/** Largest value of a FRACTIONAL frame (MaximumFractionalValue): 8-bit probabilities. */
export const MAXIMUM_FRACTIONAL_VALUE = 255;
