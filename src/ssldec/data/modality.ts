/**
 * Which intensity scaling a new model gets: CT (Hounsfield units, rescale applied) gets fixed windows
 * (intensityWindows.ts), anything else percentile scaling. The modality comes from the volume (DICOM Modality); a
 * NIfTI or MGH file carries none, so CT is recognised from its values: some air at about −1000 HU and a median
 * between air and bone, which MR scalings (non-negative, or z-scores) do not produce.
 */
import type { Volume } from '../../volume/Volume';
import { CT_WINDOWS } from './intensityWindows';
import { percentiles } from './normaliseIntensities';

/** 'CT' when the volume says so or its first channel looks like Hounsfield units; otherwise 'other'. */
export function scalingModality(volume: Volume): 'CT' | 'other' {
  if (volume.modality) return volume.modality.toUpperCase() === 'CT' ? 'CT' : 'other';
  if (volume.channels.length !== 1) return 'other';
  const [low, median] = percentiles(volume.channels[0], 0, 50);
  const [, high] = percentiles(volume.channels[0], 50, 99.5);
  // Some air (lung, bowel gas, or the scanner's padding) at or below -900 HU, the bulk between air and dense bone.
  return low <= -900 && low >= -3100 && median > -1100 && median < 400 && high > 0 && high < 5000 ? 'CT' : 'other';
}

/**
 * Intensity windows for a new model on this volume ([] = percentile scaling). A CT whose whole contrast spans less
 * than an eighth of the narrowest window (a synthetic or already rescaled image, e.g. values 0/1 under Modality CT)
 * would be squeezed by the windows into the sliver they exist to avoid, so it keeps percentile scaling.
 */
export function defaultIntensityWindows(volume: Volume): [number, number][] {
  if (scalingModality(volume) !== 'CT') return [];
  const [low, high] = percentiles(volume.channels[0], 0.5, 99.5);
  const narrowest = Math.min(...CT_WINDOWS.map(([a, b]) => b - a));
  return high - low < narrowest / 8 ? [] : CT_WINDOWS.map(([a, b]) => [a, b]);
}
