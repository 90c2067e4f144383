/**
 * The settings of one training request, from the site configuration (`window.config.ssldec`) and the session's
 * schedule overrides. TrainConfig fields travel together in `overrides`, so adding one cannot silently drop it.
 */
import type { TrainConfig } from '../../src/ssldec';
import type { ClassInfo } from '../../src/ssldec/types';
import type { SsldecConfig } from '../session/SsldecConfig';
import type { TrainSettings } from './messages';

/** Builds the request settings; the site's `maxRounds` wins over the schedule's. */
export function trainSettings(
  config: SsldecConfig, schedule: Partial<TrainConfig> | undefined, classes: ClassInfo[], continueTraining: boolean,
): TrainSettings {
  const overrides: Partial<TrainConfig> = { ...schedule };
  if (config.maxRounds !== undefined) overrides.maxRounds = config.maxRounds;
  return { classes, backend: config.backend, wasmThreads: config.wasmThreads, preset: config.preset, seed: config.seed, overrides, continueTraining };
}
