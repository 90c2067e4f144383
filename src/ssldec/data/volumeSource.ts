/** Prepares a volume for patch extraction by a model: intensity maps and context features (no voxel copies). */
import type { Volume } from '../../volume/Volume';
import type { SsldecModel } from '../model/SsldecModel';
import { computeContextFeatures } from './contextFeatures';
import type { Dims, VolumeSource } from './extractPatches';
import { intensityMaps } from './normaliseIntensities';

export function volumeSource(model: SsldecModel, volume: Volume): VolumeSource {
  const dims = [...volume.dimensions] as Dims;
  return {
    channels: volume.channels,
    maps: intensityMaps(volume.channels, model.normalisation),
    dims,
    features: computeContextFeatures(volume.channels, dims, volume.spacing, model.config.contextRadii ?? []),
  };
}
