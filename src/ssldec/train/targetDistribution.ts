/**
 * The SSLDEC/DEC target distribution (Porting Note: Xie et al. 2016 eq. 3; Enguehard et al. 2019):
 * p_ij = (q_ij² / f_j) / Σ_j' (q_ij'² / f_j'), f_j = Σ_i q_ij. Squaring sharpens confident assignments; dividing by
 * f_j balances clusters. f is summed over the whole sample of the volume passed in (not a batch), because a batch
 * of patches around scribbles would misstate the image's class proportions.
 *
 * With a `prior` π (class proportions, summing to 1), the target becomes p_ij ∝ q_ij² π_j / f_j: classes keep the
 * proportions π instead of being pushed towards equal sizes. With π = f/Σf (the model's own current proportions)
 * this is pure sharpening. The engine's default prior ('initial' in TrainConfig) is the proportion the supervised
 * model predicts at the first round, which is what real brains need (82 % background, a small CSF class): see the
 * method doc, "the DEC target's class balancing fights strong class imbalance".
 */
import { tf, type Tensor } from '../backend/tf';
import type { TargetPrior } from './TrainConfig';

/** Soft frequencies f_j = Σ_i q_ij of q `[..., K]`, as `[K]`. */
export function softFrequencies(q: Tensor): Tensor {
  return tf.tidy(() => tf.sum(tf.reshape(q, [-1, q.shape[q.rank - 1]]), 0));
}

/**
 * Target p for soft assignments q.
 * @param q `[..., K]`, rows summing to 1: the model's q on a volume-wide sample of voxels.
 * @param prior optional `[K]` class proportions π; omitted: the paper's balancing (π uniform).
 * @returns p with q's shape, rows summing to 1.
 */
export function targetDistribution(q: Tensor, prior?: Tensor): Tensor {
  return tf.tidy(() => {
    const f = tf.maximum(softFrequencies(q), 1e-12);
    const weight = prior ? tf.div(prior, f) : tf.reciprocal(f);
    const unnormalised = tf.mul(tf.square(q), weight);
    return tf.div(unnormalised, tf.maximum(tf.sum(unnormalised, -1, true), 1e-30));
  });
}

/**
 * The class proportions π a TargetPrior fixes from the first round's q: undefined for 'balanced' (the paper's
 * uniform π), f/Σf for 'initial', and for 'tempered' sqrt(f)/Σ sqrt(f), the geometric mean of 'initial' and uniform.
 * @param q `[..., K]` soft assignments of the first round.
 * @returns `[K]` summing to 1, or undefined ('balanced').
 */
export function classPrior(q: Tensor, targetPrior: TargetPrior): Tensor | undefined {
  if (targetPrior === 'balanced') return undefined;
  return tf.tidy(() => {
    const f = softFrequencies(q);
    const pi = targetPrior === 'tempered' ? tf.sqrt(f) : f;
    return tf.div(pi, tf.sum(pi));
  });
}
