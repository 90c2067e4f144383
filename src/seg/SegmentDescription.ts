import { rgbToDicomLab } from './cielab';
import { ALGORITHM_FAMILY_AI, codesForLabel, type Code } from './codes';
import { SegmentAlgorithmType } from './enums';
import { SegmentationError } from './SegmentationError';

/**
 * One user class, described as the Segment Description macro (PS3.3 Table C.8.20-4) needs it. Its segment
 * number is its position in the list + 1, which is also its value in the labelmap.
 */
export interface SegmentInput {
  /** SegmentLabel: the user's class name ("CSF", "grey matter", "lesion"). */
  label: string;
  /** Display colour as sRGB 0..255; stored as RecommendedDisplayCIELabValue. */
  color?: [number, number, number];
  /** SegmentedPropertyCategoryCodeSequence; default from the label (see codesForLabel). */
  category?: Code;
  /** SegmentedPropertyTypeCodeSequence; default from the label. */
  type?: Code;
  /** This class is the background (left out of the SEG unless asked); default: the label starts with "background". */
  background?: boolean;
}

/** How the segments were made: SegmentAlgorithmType plus, unless MANUAL, the algorithm's identity. */
export interface AlgorithmInput {
  type: SegmentAlgorithmType;
  /** SegmentAlgorithmName / AlgorithmName, e.g. "SSLDEC". Required unless MANUAL. */
  name?: string;
  /** AlgorithmVersion, e.g. "1.4.2". Required unless MANUAL. */
  version?: string;
  /** AlgorithmParameters (LT, "key=value" joined by ";"): epochs, seed, backend, … */
  parameters?: Record<string, string | number | boolean>;
}

/** A scribble set: drawn by hand, no algorithm. */
export const MANUAL: AlgorithmInput = { type: SegmentAlgorithmType.MANUAL };

/**
 * Validates segments and algorithm (highdicom-style: fail at construction, naming the keyword) and returns the
 * SegmentSequence items. Stricter than Part 3: at least one segment, labels non-empty and ≤ 64 characters,
 * algorithm name and version required for non-MANUAL types (highdicom does the same).
 */
export function segmentSequence(segments: SegmentInput[], algorithm: AlgorithmInput): Record<string, unknown>[] {
  if (segments.length === 0 || segments.length > 255) {
    throw new SegmentationError(`segments: got ${segments.length}; expected 1..255 (one per labelmap class 1..K).`);
  }
  if (!Object.values(SegmentAlgorithmType).includes(algorithm.type)) {
    throw new SegmentationError(`SegmentAlgorithmType "${algorithm.type}" is not one of MANUAL, SEMIAUTOMATIC, AUTOMATIC.`);
  }
  const manual = algorithm.type === SegmentAlgorithmType.MANUAL;
  if (!manual && (!algorithm.name?.trim() || !algorithm.version?.trim())) {
    throw new SegmentationError(
      `SegmentAlgorithmType ${algorithm.type} requires SegmentAlgorithmName and AlgorithmVersion; got name ` +
        `"${algorithm.name ?? ''}", version "${algorithm.version ?? ''}". Pass algorithm.name and algorithm.version.`,
    );
  }
  return segments.map((segment, index) => {
    const label = segment.label?.trim() ?? '';
    if (!label || label.length > 64 || /[\\\x00-\x1f]/.test(label)) {
      throw new SegmentationError(
        `SegmentLabel of segment ${index + 1} is "${segment.label}"; expected 1..64 characters without backslash or control characters.`,
      );
    }
    const codes = codesForLabel(label);
    const item: Record<string, unknown> = {
      SegmentNumber: index + 1,
      SegmentLabel: label,
      SegmentedPropertyCategoryCodeSequence: [{ ...(segment.category ?? codes.category) }],
      SegmentedPropertyTypeCodeSequence: [{ ...(segment.type ?? codes.type) }],
      SegmentAlgorithmType: algorithm.type,
    };
    if (!manual) {
      item.SegmentAlgorithmName = algorithm.name;
      item.SegmentationAlgorithmIdentificationSequence = [algorithmIdentification(algorithm)];
    }
    if (segment.color) item.RecommendedDisplayCIELabValue = rgbToDicomLab(segment.color);
    return item;
  });
}

function algorithmIdentification(algorithm: AlgorithmInput): Record<string, unknown> {
  const item: Record<string, unknown> = {
    AlgorithmFamilyCodeSequence: [{ ...ALGORITHM_FAMILY_AI }],
    AlgorithmName: algorithm.name,
    AlgorithmVersion: algorithm.version,
  };
  const parameters = Object.entries(algorithm.parameters ?? {});
  if (parameters.length) item.AlgorithmParameters = parameters.map(([k, v]) => `${k}=${v}`).join(';');
  return item;
}
