import { firstItem, number, numbers, sequenceItems, text } from './attributes';
import type { NaturalizedDataset } from './dcmjs';
import { DicomSeriesError } from './DicomSeriesError';

/** One 2-D image of a series: a single-frame instance, or one frame of an enhanced multi-frame instance. */
export interface SourceFrame {
  /** Index of the instance in the caller's list. */
  instanceIndex: number;
  sopInstanceUID: string;
  sopClassUID: string;
  /** The file it came from, when the caller named its files (messages then name the file). */
  file?: string;
  /** 1-based frame number inside a multi-frame instance; undefined for single-frame instances. */
  frameNumber?: number;
  /** ImagePositionPatient: centre of the first transmitted pixel, LPS mm. */
  position: [number, number, number];
  /** ImageOrientationPatient: row (i) direction cosines then column (j) direction cosines. */
  orientation: [number, number, number, number, number, number];
  /** PixelSpacing: [between rows (along j), between columns (along i)] in mm. */
  pixelSpacing: [number, number];
  rows: number;
  columns: number;
  /** Modality LUT: stored value * slope + intercept = real-world value. */
  rescaleSlope: number;
  rescaleIntercept: number;
}

/** How messages name a frame: its file when known, else its SOP Instance UID (and frame number). */
export function describeFrame(f: Pick<SourceFrame, 'file' | 'sopInstanceUID' | 'frameNumber'>): string {
  const frame = f.frameNumber !== undefined ? ` frame ${f.frameNumber}` : '';
  return f.file ? `${f.file}${frame} (${f.sopInstanceUID})` : `${f.sopInstanceUID}${frame}`;
}

/** SOP classes that never hold a pixel volume of their own (SEG, SR, RT, presentation states, KOS). */
const NON_IMAGE_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.5.1.4.1.1.66', // Segmentation, Surface Segmentation, Registration, …
  '1.2.840.10008.5.1.4.1.1.88', // Structured reports, key objects
  '1.2.840.10008.5.1.4.1.1.481', // RT
  '1.2.840.10008.5.1.4.1.1.11', // Presentation states
  '1.2.840.10008.5.1.4.1.1.30', // Parametric map (handled as derived data, not a source)
];

/** True when the SOP class never holds a source image (SEG, SR, RT, presentation states, KOS, parametric maps). */
export function isNonImageSopClass(instance: NaturalizedDataset): boolean {
  const sopClass = text(instance.SOPClassUID);
  return NON_IMAGE_SOP_CLASS_PREFIXES.some((p) => sopClass === p || sopClass.startsWith(`${p}.`));
}

/** True when an instance is an image we can treat as a source slice (not a SEG, SR, RT, …). */
export function isImageInstance(instance: NaturalizedDataset): boolean {
  if (isNonImageSopClass(instance)) return false;
  return number(instance.Rows, 0) > 0 && number(instance.Columns, 0) > 0;
}

/**
 * The frames of one instance with their geometry. Single-frame images use the top-level attributes;
 * enhanced multi-frame images use each frame's functional groups, falling back to the shared ones.
 * @throws DicomSeriesError ('missing-geometry') when position, orientation or spacing is absent.
 */
export function framesOf(instance: NaturalizedDataset, instanceIndex: number): SourceFrame[] {
  const sopInstanceUID = text(instance.SOPInstanceUID);
  const frameCount = number(instance.NumberOfFrames, 1);
  const perFrame = sequenceItems(instance.PerFrameFunctionalGroupsSequence);
  const shared = firstItem(instance.SharedFunctionalGroupsSequence);
  const enhanced = perFrame.length > 0 || shared !== undefined;
  const frames: SourceFrame[] = [];
  for (let f = 0; f < (enhanced ? frameCount : 1); f++) {
    const group = (name: string): NaturalizedDataset | undefined =>
      enhanced ? firstItem(perFrame[f]?.[name]) ?? firstItem(shared?.[name]) : undefined;
    const position = numbers(enhanced ? group('PlanePositionSequence')?.ImagePositionPatient : instance.ImagePositionPatient);
    const orientation = numbers(enhanced ? group('PlaneOrientationSequence')?.ImageOrientationPatient : instance.ImageOrientationPatient);
    const spacing = numbers(enhanced ? group('PixelMeasuresSequence')?.PixelSpacing : instance.PixelSpacing);
    const rescale = enhanced ? group('PixelValueTransformationSequence') ?? instance : instance;
    const where = `instance ${sopInstanceUID || `#${instanceIndex}`}${enhanced ? ` frame ${f + 1}` : ''}`;
    requireCount(position, 3, 'ImagePositionPatient', where);
    requireCount(orientation, 6, 'ImageOrientationPatient', where);
    requireCount(spacing, 2, 'PixelSpacing', where);
    frames.push({
      instanceIndex,
      sopInstanceUID,
      sopClassUID: text(instance.SOPClassUID),
      frameNumber: enhanced ? f + 1 : undefined,
      position: position as SourceFrame['position'],
      orientation: orientation as SourceFrame['orientation'],
      pixelSpacing: spacing as SourceFrame['pixelSpacing'],
      rows: number(instance.Rows, 0),
      columns: number(instance.Columns, 0),
      rescaleSlope: number(rescale.RescaleSlope, 1),
      rescaleIntercept: number(rescale.RescaleIntercept, 0),
    });
  }
  return frames;
}

function requireCount(values: number[], count: number, keyword: string, where: string): void {
  if (values.length !== count || values.some((v) => !Number.isFinite(v))) {
    throw new DicomSeriesError(
      'missing-geometry',
      `${where}: ${keyword} is ${values.length ? `[${values.join(', ')}]` : 'absent'}; expected ${count} numbers. ` +
        'Only images with patient geometry (CT, MR, PET, enhanced multi-frame) can be segmented in 3-D.',
    );
  }
}
