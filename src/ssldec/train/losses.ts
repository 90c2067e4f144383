/**
 * Losses on soft assignments q `[..., K]`. Probabilities are clipped at 1e-7 before the log so an empty cluster
 * cannot give -Infinity.
 */
import { tf, type Tensor } from '../backend/tf';

const EPS = 1e-7;

/**
 * Class-balanced cross-entropy masked to labelled voxels (the supervised SSLDEC loss on scribbles).
 * Each class present in the batch contributes the mean -log q over its labelled voxels; classes are averaged, so a
 * long background stroke does not outweigh a short CSF one. Unlabelled voxels (all-zero rows) contribute nothing.
 * @param q `[..., K]` soft assignments.
 * @param oneHot `[..., K]` one-hot labels, all-zero rows for unlabelled voxels.
 * @returns scalar loss (nats); 0 when nothing is labelled.
 */
export function maskedCrossEntropy(q: Tensor, oneHot: Tensor): Tensor {
  return tf.tidy(() => {
    const k = q.shape[q.rank - 1];
    const y = tf.reshape(oneHot, [-1, k]);
    const logQ = tf.log(tf.clipByValue(tf.reshape(q, [-1, k]), EPS, 1));
    const perClassSum = tf.neg(tf.sum(tf.mul(y, logQ), 0));
    const perClassCount = tf.sum(y, 0);
    const present = tf.cast(tf.greater(perClassCount, 0), 'float32');
    const perClassMean = tf.div(perClassSum, tf.maximum(perClassCount, 1));
    return tf.div(tf.sum(perClassMean), tf.maximum(tf.sum(present), 1));
  });
}

/**
 * KL(P‖Q) = Σ_j p_ij log(p_ij / q_ij), averaged over voxels (the unlabelled SSLDEC loss). p is a constant target.
 * @param p `[..., K]` target distribution.
 * @param q `[..., K]` soft assignments.
 * @param weight optional `[...]` per-voxel weights (1 = counts, 0 = ignored); averaged over their sum.
 */
export function klDivergence(p: Tensor, q: Tensor, weight?: Tensor): Tensor {
  return tf.tidy(() => {
    const pc = tf.clipByValue(p, EPS, 1);
    const perVoxel = tf.sum(tf.mul(p, tf.sub(tf.log(pc), tf.log(tf.clipByValue(q, EPS, 1)))), -1);
    if (!weight) return tf.mean(perVoxel);
    return tf.div(tf.sum(tf.mul(perVoxel, weight)), tf.maximum(tf.sum(weight), 1));
  });
}

/** Share of labelled voxels whose argmax q equals the label (0..1); 0 when none is labelled. Returns a scalar tensor. */
export function labelledAccuracy(q: Tensor, oneHot: Tensor): Tensor {
  return tf.tidy(() => {
    const k = q.shape[q.rank - 1];
    const y = tf.reshape(oneHot, [-1, k]);
    const mask = tf.sum(y, 1);
    const hit = tf.cast(tf.equal(tf.argMax(tf.reshape(q, [-1, k]), 1), tf.argMax(y, 1)), 'float32');
    return tf.div(tf.sum(tf.mul(hit, mask)), tf.maximum(tf.sum(mask), 1));
  });
}

/**
 * Edge-weighted Potts loss on soft assignments (the relaxed pairwise CRF term of Tang et al., "On Regularized Losses
 * for Weakly-supervised CNN Segmentation", ECCV 2018): for every pair of grid neighbours, w · (1 − q_a·q_b), with
 * w = exp(−β ||I_a − I_b||²) and β = 1 / (2 · mean ||I_a − I_b||²) over the batch (GrabCut's contrast), so
 * neighbours of similar intensity are pushed to agree and image edges are free to separate classes. Averaged over
 * the pairs of each spatial axis, summed over axes.
 * @param q `[N, H, W, K]` or `[N, D, H, W, K]` soft assignments.
 * @param intensity `[N, H, W, C]` or `[N, D, H, W, C]` normalised image channels of the same voxels (a constant).
 */
export function edgeWeightedPotts(q: Tensor, intensity: Tensor): Tensor {
  return tf.tidy(() => {
    const terms: Tensor[] = [];
    for (let axis = 1; axis < q.rank - 1; axis++) {
      const n = q.shape[axis];
      if (n < 2) continue;
      const cut = (t: Tensor, from: number) => {
        const begin = t.shape.map((_, a) => (a === axis ? from : 0));
        const size = t.shape.map((d, a) => (a === axis ? n - 1 : d));
        return tf.slice(t, begin, size);
      };
      const d2 = tf.sum(tf.square(tf.sub(cut(intensity, 1), cut(intensity, 0))), -1);
      const beta = tf.div(0.5, tf.add(tf.mean(d2), 1e-6));
      const w = tf.exp(tf.neg(tf.mul(d2, beta)));
      const agree = tf.sum(tf.mul(cut(q, 1), cut(q, 0)), -1);
      terms.push(tf.mean(tf.mul(w, tf.sub(1, agree))));
    }
    return terms.length ? tf.addN(terms) : tf.scalar(0);
  });
}
