/**
 * The filter bank of a run computed before the run: the viewer's worker calls this while the clinician paints, so
 * that Train finds the bank in its cache (data/FilterBankCache.ts) and its set-up is the geodesic distances alone.
 */
import { initBackend } from '../backend/initBackend';
import type { Volume } from '../../volume/Volume';
import { DEFAULT_NORMALISATION } from '../model/buildFcn';
import { warmFilterBank } from '../data/volumeSource';
import { presetForBackend } from '../types';
import { validateVolume } from '../validateInputs';
import type { TrainOptions } from './TrainOptions';
import { newModelConfig } from './trainSsldec';

/**
 * Computes into `options.filterBankCache` the filter bank that trainSsldec with these options would compute for this
 * volume as a new model (the preset and CT windows it would choose; the number of classes does not change the bank).
 * Starts the backend as trainSsldec would. Nothing without a cache.
 * @throws InvalidVolumeError, UnknownBackendError
 */
export async function prepareFilterBank(volume: Volume,
  options: Pick<TrainOptions, 'backend' | 'preset' | 'model' | 'filterBankCache'>): Promise<void> {
  const cache = options.filterBankCache;
  if (!cache) return;
  validateVolume(volume);
  const backend = await initBackend(options.backend);
  const { config } = newModelConfig(volume, options, options.preset ?? presetForBackend(backend), 2);
  await warmFilterBank({ config, normalisation: DEFAULT_NORMALISATION }, volume, cache);
}
