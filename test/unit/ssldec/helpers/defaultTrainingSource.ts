/**
 * The default preset's model and its training source on a phantom (helpers/phantom.ts), on the cpu backend: what a
 * test of the patch sampler's draws starts from.
 */
import { initBackend } from '../../../../src/ssldec';
import { createSsldecModel } from '../../../../src/ssldec/model/buildFcn';
import { MODEL_PRESETS, type ModelConfig } from '../../../../src/ssldec/model/ModelConfig';
import { volumeSource } from '../../../../src/ssldec/data/volumeSource';
import type { Phantom } from './phantom';

/** The phantom's three classes (values 1..3). */
export const PHANTOM_CLASSES = [
  { value: 1, name: 'Background' },
  { value: 2, name: 'Shell' },
  { value: 3, name: 'Core' },
];

/** A default-preset model for the phantom's one channel and three classes, its scribbles and its training source. */
export async function defaultTrainingSource(phantom: Phantom) {
  await initBackend('cpu');
  const config: ModelConfig = { ...MODEL_PRESETS.default, inputChannels: 1, numClasses: 3 };
  const model = createSsldecModel(config, PHANTOM_CLASSES, 1);
  const scribbles = phantom.scribbles.data;
  const source = await volumeSource(model, phantom.volume, scribbles, true);
  return { model, scribbles, source };
}
