/**
 * Supervised and SSLDEC training of the image classifier on labelled + unlabelled image arrays (the paper's MNIST
 * protocol: supervised phase, then rounds of q over all unlabelled images, p with f over all of them — classes are
 * balanced in MNIST, so the paper's balancing target is the default here — and steps alternating KL(P‖Q) on
 * unlabelled batches with cross-entropy on labelled ones, until < tolerance of predictions change).
 */
import { tf, type Tensor } from '../../../src/ssldec/backend/tf';
import { SeededRandom } from '../../../src/ssldec/data/random';
import { InsufficientScribblesError, TrainingCancelledError } from '../../../src/ssldec/errors';
import { Adam } from '../../../src/ssldec/train/adam';
import { klDivergence, maskedCrossEntropy } from '../../../src/ssldec/train/losses';
import { classPrior, targetDistribution } from '../../../src/ssldec/train/targetDistribution';
import type { TargetPrior } from '../../../src/ssldec/train/TrainConfig';
import type { TrainProgress } from '../../../src/ssldec/types';
import { classifierL2, classifierQ, classifierVariables, type ClassifierModel } from './ClassifierModel';

/** Images `[count, H, W, C]` (values 0..1) with optional labels 0..K-1. */
export interface ImageSet {
  images: Float32Array;
  labels?: Int32Array | Uint8Array;
  count: number;
}

export interface ClassifierTrainOptions {
  labelled: ImageSet;
  unlabelled?: ImageSet;
  /** 'ssldec' (default) or 'supervised'. */
  mode?: 'ssldec' | 'supervised';
  /** Supervised optimisation steps (default 1000). */
  supervisedSteps?: number;
  /** Steps per SSLDEC round (default 500). */
  roundSteps?: number;
  /** Maximum SSLDEC rounds (default 10). */
  maxRounds?: number;
  /** Stop when fewer than this share of unlabelled predictions change (default 0.001). */
  tolerance?: number;
  /** Batch size (default 64). */
  batchSize?: number;
  /** Adam rate (default 1e-3). */
  learningRate?: number;
  /** L2 decay (default 1e-4). */
  l2?: number;
  /** 'balanced' (paper, default), 'initial' or 'tempered' (see TargetPrior). */
  targetPrior?: TargetPrior;
  /** Stop training (not an error) after this many seconds; default no limit. */
  budgetSeconds?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface ClassifierTrainResult {
  rounds: number;
  /** True when budgetSeconds ended training early. */
  budgetExhausted: boolean;
  seconds: number;
  history: TrainProgress[];
}

function batchOf(set: ImageSet, idx: number[], model: ClassifierModel): Tensor {
  const { height: h, width: w, channels: c } = model.config;
  const len = h * w * c;
  const data = new Float32Array(idx.length * len);
  idx.forEach((i, n) => data.set(set.images.subarray(i * len, (i + 1) * len), n * len));
  return tf.tensor4d(data, [idx.length, h, w, c]);
}

/** q `[count, K]` of a whole set, in batches. */
export function setQ(model: ClassifierModel, set: ImageSet, batch = 256): Tensor {
  return tf.tidy(() => {
    const parts: Tensor[] = [];
    for (let s = 0; s < set.count; s += batch) {
      const idx = Array.from({ length: Math.min(batch, set.count - s) }, (_, i) => s + i);
      parts.push(classifierQ(model, batchOf(set, idx, model)));
    }
    return tf.concat(parts, 0);
  });
}

/** Trains `model` in place. @throws InsufficientScribblesError without labels, TrainingCancelledError. */
export async function trainClassifier(model: ClassifierModel, o: ClassifierTrainOptions): Promise<ClassifierTrainResult> {
  const labels = o.labelled.labels;
  if (!labels || o.labelled.count === 0) {
    throw new InsufficientScribblesError('trainClassifier needs labelled images with labels; got none.', []);
  }
  const started = performance.now();
  const rng = new SeededRandom(o.seed ?? 1);
  const k = model.config.numClasses;
  const batchSize = o.batchSize ?? 64;
  const l2 = o.l2 ?? 1e-4;
  const lr = o.learningRate ?? 1e-3;
  const history: TrainProgress[] = [];
  const optimizer = new Adam(classifierVariables(model));
  const overBudget = () => o.budgetSeconds !== undefined && (performance.now() - started) / 1000 > o.budgetSeconds;
  const emit = (p: Omit<TrainProgress, 'backend'>) => {
    const e = { ...p, backend: tf.getBackend() };
    history.push(e);
    o.onProgress?.(e);
  };
  const labelledStep = async (): Promise<number> => {
    const idx = Array.from({ length: batchSize }, () => rng.int(o.labelled.count));
    const x = batchOf(o.labelled, idx, model);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(idx.map((i) => labels[i]), 'int32'), k));
    const loss = optimizer.step(() => tf.add(maskedCrossEntropy(classifierQ(model, x), tf.cast(y, 'float32')),
      tf.mul(classifierL2(model), l2)), lr);
    const v = (await loss.data())[0];
    tf.dispose([x, y, loss]);
    return v;
  };
  let rounds = 0;
  try {
    const steps = o.supervisedSteps ?? 1000;
    for (let step = 1; step <= steps && !overBudget(); step++) {
      if (o.signal?.aborted) throw new TrainingCancelledError();
      emit({ phase: 'supervised', step, total: steps, loss: await labelledStep() });
    }
    const unl = o.unlabelled;
    if ((o.mode ?? 'ssldec') === 'ssldec' && unl && unl.count > 0) {
      let previous: Int32Array | undefined;
      let prior: Tensor | undefined;
      const roundSteps = o.roundSteps ?? 500;
      for (let round = 1; round <= (o.maxRounds ?? 10) && !overBudget(); round++) {
        const q = setQ(model, unl);
        const am = tf.argMax(q, -1);
        const current = (await am.data()) as Int32Array;
        am.dispose();
        let changedShare: number | undefined;
        if (previous) {
          let changed = 0;
          for (let i = 0; i < current.length; i++) if (current[i] !== previous[i]) changed++;
          changedShare = changed / current.length;
        }
        previous = current;
        if (changedShare !== undefined && changedShare < (o.tolerance ?? 1e-3)) { q.dispose(); break; }
        if (round === 1) prior = classPrior(q, o.targetPrior ?? 'balanced');
        const p = targetDistribution(q, prior);
        q.dispose();
        try {
          for (let step = 1; step <= roundSteps && !overBudget(); step++) {
            if (o.signal?.aborted) throw new TrainingCancelledError();
            let loss: number;
            if (step % 2 === 1) {
              const idx = Array.from({ length: batchSize }, () => rng.int(unl.count));
              const x = batchOf(unl, idx, model);
              const pt = tf.tidy(() => tf.gather(p, tf.tensor1d(idx, 'int32')));
              const l = optimizer.step(() => tf.add(klDivergence(pt, classifierQ(model, x)), tf.mul(classifierL2(model), l2)), lr);
              loss = (await l.data())[0];
              tf.dispose([x, pt, l]);
            } else {
              loss = await labelledStep();
            }
            emit({ phase: 'ssldec', step, total: roundSteps, round, loss, changedShare });
          }
        } finally {
          p.dispose();
        }
        rounds = round;
      }
      prior?.dispose();
    }
  } finally {
    optimizer.dispose();
  }
  return { rounds, budgetExhausted: overBudget(), seconds: (performance.now() - started) / 1000, history };
}
