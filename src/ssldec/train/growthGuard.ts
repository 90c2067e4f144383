/**
 * The SSLDEC rounds' guard against a flood: a class whose share of the unlabelled pool grows far past its share in the
 * first round. The rounds move classes from their first result, mostly for the better, but a class that starts to
 * spread keeps spreading round after round (a thalamus over the catch-all class, to 15 times its first result's
 * voxels), and no stroke stops it. sslRounds.ts keeps the weights of the last round that passed this check. The pool is
 * counted as the prediction calls it, the network's q times the prediction's priors (poolAsPredicted.ts): q alone
 * can hold a class steady while the result floods with it.
 * Shrinking is not guarded: a guard on it cost the suite (src/ssldec/README.md, "The rounds stop a flood").
 */

import type { ClassInfo } from '../types';
import type { GrowthStop } from './TrainResult';

/** The guard's stop as the rounds know it: the class by its index (TrainResult.growthStop names its value). */
export type PoolGrowthStop = Omit<GrowthStop, 'value'> & { index: number };

/** A class's first-round count is read as at least this share of the pool, so a rare class may grow a little. */
export const GROWTH_FLOOR_SHARE = 0.01;

/** Unlabelled pool voxels per class (index = class index), from the pool's predicted class and its weights (1 = unlabelled). */
export function poolClassCounts(predicted: ArrayLike<number>, unlabelled: ArrayLike<number>, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < predicted.length; i++) if (unlabelled[i] > 0) counts[predicted[i]]++;
  return counts;
}

/**
 * The class that grew most past `factor` times its first-round count (read as at least GROWTH_FLOOR_SHARE of the
 * pool), or undefined when none did.
 */
export function grownClass(first: readonly number[], current: readonly number[], factor: number): { index: number; growth: number } | undefined {
  const total = first.reduce((a, b) => a + b, 0);
  let worst: { index: number; growth: number } | undefined;
  current.forEach((n, index) => {
    const growth = n / Math.max(first[index], GROWTH_FLOOR_SHARE * total, 1);
    if (growth > factor && (!worst || growth > worst.growth)) worst = { index, growth };
  });
  return worst;
}

/** What the panel and the CLI say when the guard stopped the rounds (TrainResult.notes). */
export function growthGuardNote(classes: readonly ClassInfo[], stop: PoolGrowthStop): string {
  const kept = stop.keptRounds > 0 ? `the network of round ${stop.keptRounds}` : "the first result's network";
  return `The SSLDEC rounds stopped early: "${classes[stop.index].name}" was spreading (${stop.growth.toFixed(1)}× its ` +
    `share of the sampled voxels after the first training), so the result keeps ${kept}.`;
}
