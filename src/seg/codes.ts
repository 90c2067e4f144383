/** A coded concept (Code Sequence Macro, PS3.3 Table 8.8-1). */
export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

const sct = (CodeValue: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });
const dcm = (CodeValue: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator: 'DCM', CodeMeaning });

/** Segmented property categories (CID 7150 Segmentation Property Category). */
export const CATEGORY = {
  tissue: sct('85756007', 'Tissue'),
  anatomicalStructure: sct('91723000', 'Anatomical Structure'),
  bodySubstance: sct('91720002', 'Body Substance'),
} as const;

/** Segmented property types for brain tissue (CID 7153 CNS Segmentation Type) and a generic tissue. */
export const PROPERTY_TYPE = {
  csf: sct('65216001', 'Cerebrospinal fluid'),
  greyMatter: sct('389081007', 'Gray matter'),
  whiteMatter: sct('389080008', 'White matter'),
  tissue: sct('85756007', 'Tissue'),
} as const;

/** AlgorithmFamilyCodeSequence value for a trained network (CID 7162: "Artificial Intelligence"). */
export const ALGORITHM_FAMILY_AI = dcm('123110', 'Artificial Intelligence');
/** DerivationCodeSequence of every SEG frame. */
export const DERIVATION_SEGMENTATION = dcm('113076', 'Segmentation');
/** PurposeOfReferenceCodeSequence of each source image reference. */
export const PURPOSE_SOURCE_IMAGE = dcm('121322', 'Source image for image processing operation');

/** Category and type of a segment. */
export interface SegmentCodes {
  category: Code;
  type: Code;
}

/**
 * Codes for a user's class name: SNOMED CT CSF / grey matter / white matter when the name says so
 * ("CSF", "grey matter", "gray", "GM", "white matter", "WM"), otherwise the generic "Tissue" for both
 * (also for "background", which has no SNOMED concept of its own).
 */
export function codesForLabel(label: string): SegmentCodes {
  const name = label.trim().toLowerCase();
  if (/\bcsf\b|cerebro-?spinal/.test(name)) return { category: CATEGORY.bodySubstance, type: PROPERTY_TYPE.csf };
  if (/\bgr[ae]y\b|\bgm\b|cortex/.test(name)) return { category: CATEGORY.anatomicalStructure, type: PROPERTY_TYPE.greyMatter };
  if (/\bwhite\b|\bwm\b/.test(name)) return { category: CATEGORY.anatomicalStructure, type: PROPERTY_TYPE.whiteMatter };
  return { category: CATEGORY.tissue, type: PROPERTY_TYPE.tissue };
}
