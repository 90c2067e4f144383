/**
 * Phase 2 of SSLDEC (Porting Note: Enguehard et al. 2019, section III; DEC's stopping rule). A fixed pool of
 * unlabelled patches spread over the volume stands in for "all unlabelled voxels": each round computes q on it,
 * the soft frequencies f and target p (targetDistribution.ts), then trains `roundSteps` steps alternating
 * KL(P‖Q) on pool patches and masked cross-entropy on labelled batches (labelledStep). Rounds stop when the share of pool voxels
 * whose predicted class (q's argmax) changed since the previous round is below `tolerance`, or after `maxRounds`, or
 * when a class floods the pool as the prediction calls it, priors included (growthGuard.ts, poolAsPredicted.ts): then
 * the weights go back to the last round that passed that check.
 */
import { tf, type Tensor } from '../backend/tf';
import { kernelL2 } from '../model/buildFcn';
import type { PatchBox } from '../data/extractPatches';
import { edgeWeightedPotts, klDivergence } from './losses';
import { derivedChannelCount, voxelFeatureCount, type ModelConfig } from '../model/ModelConfig';
import { classPrior, targetDistribution } from './targetDistribution';
import { forwardQ } from '../model/forwardQ';
import type { SsldecModel } from '../model/SsldecModel';
import { grownClass, poolClassCounts, type PoolGrowthStop } from './growthGuard';
import { argmaxClasses, poolAsPredicted, type PoolClassifier } from './poolAsPredicted';
import { labelledStep, throwIfAborted, yieldToEventLoop, type TrainingContext } from './TrainingContext';

/** The unlabelled pool: its boxes, inputs, weights (1 = unlabelled voxel, 0 = scribbled) and patch count. */
interface Pool {
  boxes: PatchBox[];
  x: Tensor;
  weight: Tensor;
  size: number;
}

function buildPool(ctx: TrainingContext): Pool {
  const boxes: PatchBox[] = Array.from({ length: ctx.config.unlabelledPatches }, () => ctx.sampler.randomBox());
  const { labels, shape } = ctx.sampler.labelsOf(boxes);
  const weight = new Float32Array(labels.length);
  for (let i = 0; i < labels.length; i++) weight[i] = labels[i] < 0 ? 1 : 0;
  return { boxes, x: ctx.sampler.inputOf(boxes), weight: tf.tensor(weight, shape), size: boxes.length };
}

/** q over the whole pool, in forward passes of batchSize patches. */
function poolQ(ctx: TrainingContext, pool: Pool): Tensor {
  return tf.tidy(() => {
    const parts: Tensor[] = [];
    for (let s = 0; s < pool.size; s += ctx.config.batchSize) {
      const n = Math.min(ctx.config.batchSize, pool.size - s);
      parts.push(forwardQ(ctx.model, tf.slice(pool.x, s, n)));
    }
    return tf.concat(parts, 0);
  });
}

/** The normalised image channels of a network input (the centre slice's for '2.5d'): what the Potts weights compare. */
function imageChannelsOf(config: ModelConfig, x: Tensor): Tensor {
  const perSlice = voxelFeatureCount(config);
  const centre = config.kind === '2.5d' ? ((config.sliceStack - 1) / 2) * perSlice : 0;
  const begin = x.shape.map((_, a) => (a === x.rank - 1 ? centre : 0));
  const size = x.shape.map((d, a) => (a === x.rank - 1 ? derivedChannelCount(config) : d));
  return tf.slice(x, begin, size);
}

/** One step of KL(P‖Q) on `batchSize` random pool patches (plus L2). Returns the loss. */
async function unlabelledStep(ctx: TrainingContext, pool: Pool, p: Tensor, lr: number): Promise<number> {
  const idx = Array.from({ length: Math.min(ctx.config.batchSize, pool.size) }, () => ctx.sampler.int(pool.size));
  const [x, pt, w] = tf.tidy(() => {
    const i = tf.tensor1d(idx, 'int32');
    return [tf.gather(pool.x, i), tf.gather(p, i), tf.gather(pool.weight, i)];
  });
  try {
    const loss = ctx.optimizer.step(() => {
      const q = forwardQ(ctx.model, x);
      const terms = [tf.mul(klDivergence(pt, q, w), ctx.config.unlabelledWeight), tf.mul(kernelL2(ctx.model), ctx.config.l2)];
      if (ctx.config.pottsWeight > 0) terms.push(tf.mul(edgeWeightedPotts(q, imageChannelsOf(ctx.model.config, x)), ctx.config.pottsWeight));
      return tf.addN(terms);
    }, lr);
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  } finally {
    tf.dispose([x, pt, w]);
  }
}

/** Copies of the model's weights, to go back to (restoreWeights). */
function copyWeights(model: SsldecModel): Tensor[] {
  return model.variables().map((v) => tf.clone(v));
}

function restoreWeights(model: SsldecModel, weights: Tensor[]): void {
  model.variables().forEach((v, i) => v.assign(weights[i]));
}

/** What the rounds did: how many they trained and, when the growth guard stopped them, why (for TrainResult.notes). */
export interface RoundsOutcome {
  rounds: number;
  /** Set when the growth guard stopped the rounds (trainSsldec maps the class index to its value). */
  stoppedByGrowth?: PoolGrowthStop;
}

/**
 * Runs SSLDEC rounds on the context's model.
 * @returns rounds trained (0 if the first check already met the tolerance) and whether a flood stopped them.
 */
export async function sslRounds(ctx: TrainingContext): Promise<RoundsOutcome> {
  const { maxRounds, roundSteps, tolerance, targetPrior, roundLearningRate: lr, growthGuard } = ctx.config;
  const pool = buildPool(ctx);
  const unlabelled = (await pool.weight.data()) as Float32Array;
  const unlabelledCount = unlabelled.reduce((a, b) => a + b, 0);
  const classCount = ctx.model.classes.length;
  let prior: Tensor | undefined;
  let previous: Int32Array | undefined;
  let firstCounts: number[] | undefined;
  // The weights of the last round start that passed the growth guard, and the rounds trained before it.
  let passed: { weights: Tensor[]; rounds: number } | undefined;
  let rounds = 0;
  const outcome: RoundsOutcome = { rounds: 0 };
  // The guard counts the pool's classes as the prediction calls them, with its priors (poolAsPredicted.ts).
  let asPredicted: PoolClassifier | undefined;
  /**
   * The growth guard's check of the weights that gave the pool's `q` (`argmax` its classes under q alone): true
   * (weights restored) when a class flooded.
   */
  const flooded = async (q: Tensor, argmax: Int32Array): Promise<boolean> => {
    if (growthGuard <= 0) return false;
    asPredicted ??= await poolAsPredicted(ctx.model, ctx.source, ctx.scribbles, pool.boxes, pool.x);
    const counts = poolClassCounts(await asPredicted.classes(q, argmax), unlabelled, classCount);
    firstCounts ??= counts;
    const grown = grownClass(firstCounts, counts, growthGuard);
    if (grown && passed) {
      restoreWeights(ctx.model, passed.weights);
      outcome.stoppedByGrowth = { ...grown, keptRounds: passed.rounds };
      return true;
    }
    if (passed) tf.dispose(passed.weights);
    passed = { weights: copyWeights(ctx.model), rounds };
    return false;
  };
  try {
    for (let round = 1; round <= maxRounds; round++) {
      throwIfAborted(ctx);
      const q = poolQ(ctx, pool);
      let p: Tensor;
      let changedShare: number | undefined;
      try {
        const current = await argmaxClasses(q);
        if (previous) {
          let changed = 0;
          for (let i = 0; i < current.length; i++) if (unlabelled[i] > 0 && current[i] !== previous[i]) changed++;
          changedShare = changed / Math.max(1, unlabelledCount);
        }
        previous = current;
        if (await flooded(q, current)) {
          ctx.emit({ phase: 'ssldec', step: roundSteps, total: roundSteps, round, changedShare });
          break;
        }
        if (changedShare !== undefined && changedShare < tolerance) {
          ctx.emit({ phase: 'ssldec', step: roundSteps, total: roundSteps, round, changedShare });
          break;
        }
        if (round === 1) prior = classPrior(q, targetPrior);
        p = targetDistribution(q, prior);
      } finally {
        q.dispose();
      }
      try {
        for (let step = 1; step <= roundSteps; step++) {
          throwIfAborted(ctx);
          if (step % 2 === 1) {
            const loss = await unlabelledStep(ctx, pool, p, lr);
            ctx.emit({ phase: 'ssldec', step, total: roundSteps, round, loss, changedShare });
          } else {
            const { loss, accuracy } = await labelledStep(ctx, lr);
            ctx.emit({ phase: 'ssldec', step, total: roundSteps, round, loss, labelledAccuracy: accuracy, changedShare });
          }
          await yieldToEventLoop();
        }
      } finally {
        p.dispose();
      }
      rounds = round;
      // The last round's weights are checked too, before they predict.
      if (round === maxRounds && growthGuard > 0) {
        const last = poolQ(ctx, pool);
        try {
          await flooded(last, await argmaxClasses(last));
        } finally {
          last.dispose();
        }
      }
    }
  } finally {
    tf.dispose([pool.x, pool.weight]);
    if (prior) prior.dispose();
    if (passed) tf.dispose(passed.weights);
    asPredicted?.dispose();
  }
  outcome.rounds = outcome.stoppedByGrowth ? outcome.stoppedByGrowth.keptRounds : rounds;
  return outcome;
}
