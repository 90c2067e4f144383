/**
 * Prepares a volume for patch extraction by a model: the image channels and their filter-bank features (normalised
 * on the fly by per-channel intensity maps) and context features. Image channels are not copied; filter-bank
 * features are computed once per volume (full-size arrays, one per feature).
 */
import type { Volume } from '../../volume/Volume';
import type { SsldecModel } from '../model/SsldecModel';
import { computeContextFeatures } from './contextFeatures';
import type { Dims, VolumeSource } from './extractPatches';
import { filterBank } from './filterBank';
import { intensityMaps } from './normaliseIntensities';

export function volumeSource(model: SsldecModel, volume: Volume): VolumeSource {
  const dims = [...volume.dimensions] as Dims;
  const scales = model.config.filterScales ?? [];
  const filtered = scales.length ? volume.channels.flatMap((c) => filterBank(c, dims, volume.spacing, scales)) : [];
  const channels = [...volume.channels, ...filtered];
  return {
    channels,
    maps: intensityMaps(channels, model.normalisation),
    dims,
    features: computeContextFeatures(volume.channels, dims, volume.spacing, model.config.contextRadii ?? []),
  };
}
