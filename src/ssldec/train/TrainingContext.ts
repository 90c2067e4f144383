/** State shared by the phases of one training run (built and disposed by trainSsldec.ts). */
import { tf, type Tensor } from '../backend/tf';
import { kernelL2 } from '../model/buildFcn';
import { forwardQ } from '../model/forwardQ';
import { receptiveRadius } from '../model/ModelConfig';
import type { SsldecModel } from '../model/SsldecModel';
import { TrainingCancelledError } from '../errors';
import type { TrainProgress } from '../types';
import type { Adam } from './adam';
import type { PatchSampler } from './PatchSampler';
import type { VolumeSource } from '../data/extractPatches';
import type { TrainConfig } from './TrainConfig';
import { labelledAccuracy, maskedCrossEntropy } from './losses';

export interface TrainingContext {
  model: SsldecModel;
  config: TrainConfig;
  sampler: PatchSampler;
  /** The run's inputs and strokes, which the rounds' growth guard reads the prediction's priors from. */
  source: VolumeSource;
  scribbles: Uint8Array;
  optimizer: Adam;
  backend: string;
  signal?: AbortSignal;
  /** Records and forwards a progress event (adds the ETA). */
  emit(p: Omit<TrainProgress, 'backend'>): void;
}

/** Throws TrainingCancelledError if the run's signal has fired. */
export function throwIfAborted(ctx: Pick<TrainingContext, 'signal'>): void {
  if (ctx.signal?.aborted) throw new TrainingCancelledError();
}

/** Yields to the event loop so an abort (timer, worker message) can arrive between steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * One optimisation step on a class-balanced labelled batch (masked cross-entropy + L2): patches around scribbled
 * voxels (for a per-voxel network their scribbled voxels alone: the same loss, PatchSampler.labelledBatch) or, with
 * `voxels` (the supervised phase) and a per-voxel network, `labelledVoxels` scribbled voxels.
 * @returns loss and labelled accuracy of the batch (read back with `await data()`, safe on webgpu).
 */
export async function labelledStep(ctx: TrainingContext, lr: number, voxels = false): Promise<{ loss: number; accuracy: number }> {
  const perVoxel = voxels && ctx.config.labelledVoxels > 0 && ctx.model.config.kind === '2d' && ctx.model.config.spatialLayers === 0;
  const { x, oneHot } = perVoxel
    ? ctx.sampler.labelledVoxels(ctx.config.labelledVoxels)
    : ctx.sampler.labelledBatch(ctx.config.batchSize, receptiveRadius(ctx.model.config) === 0);
  let q: Tensor | undefined;
  try {
    const loss = ctx.optimizer.step(() => {
      q = tf.keep(forwardQ(ctx.model, x));
      return tf.add(maskedCrossEntropy(q, oneHot), tf.mul(kernelL2(ctx.model), ctx.config.l2));
    }, lr);
    const acc = labelledAccuracy(q!, oneHot);
    const [l, a] = await Promise.all([loss.data(), acc.data()]);
    tf.dispose([loss, acc]);
    return { loss: l[0], accuracy: a[0] };
  } finally {
    tf.dispose([x, oneHot]);
    if (q) q.dispose();
  }
}
