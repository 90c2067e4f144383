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
/** Explicit VR Little Endian: rule 1 of ../../shared/docs/dicom-seg-and-pacs.md. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Our implementation UID root (a 2.25 UUID-derived UID, fixed for the project) and version name. */
export const IMPLEMENTATION_CLASS_UID = '2.25.163093412398107351902339014522837542011';
export const IMPLEMENTATION_VERSION_NAME = 'SSLDEC_OHIF_0_1';
/** Largest value of a FRACTIONAL frame (MaximumFractionalValue): 8-bit probabilities. */
export const MAXIMUM_FRACTIONAL_VALUE = 255;
