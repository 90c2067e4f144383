/**
 * Prepares a volume for patch extraction by a model: the image channels (or their intensity windows, for CT), their
 * filter-bank features (normalised on the fly by per-channel intensity maps), context features and, when the model
 * asks, the voxel position. Raw image channels are not copied; windows and filter-bank features are computed once per
 * volume (full-size arrays, one per window or feature).
 */
import type { Volume } from '../../volume/Volume';
import type { SsldecModel } from '../model/SsldecModel';
import { computeContextFeatures } from './contextFeatures';
import type { Dims, VolumeSource } from './extractPatches';
import { filterBank } from './filterBank';
import { applyWindow } from './intensityWindows';
import { intensityMaps, type IntensityMap } from './normaliseIntensities';

export function volumeSource(model: SsldecModel, volume: Volume): VolumeSource {
  const dims = [...volume.dimensions] as Dims;
  const windows = model.config.intensityWindows ?? [];
  const image = windows.length ? volume.channels.flatMap((c) => windows.map((w) => applyWindow(c, w))) : volume.channels;
  const scales = model.config.filterScales ?? [];
  const filtered = scales.length ? image.flatMap((c) => filterBank(c, dims, volume.spacing, scales)) : [];
  // Windowed channels are already 0..1; everything else is scaled by its percentiles.
  const imageMaps: IntensityMap[] = windows.length ? image.map(() => ({ offset: 0, scale: 1 })) : intensityMaps(image, model.normalisation);
  return {
    channels: [...image, ...filtered],
    maps: [...imageMaps, ...intensityMaps(filtered, model.normalisation)],
    dims,
    features: computeContextFeatures(image, dims, volume.spacing, model.config.contextRadii ?? []),
    position: model.config.positionInputs === true,
  };
}
