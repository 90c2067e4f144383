/**
 * Classes the SSLDEC rounds all but removed or flooded, against the run's first result (the supervised model's
 * prediction before the rounds). The rounds move classes a long way from that start, mostly for the better; two
 * runs in the bench's 81 (BENCHMARKS.md, "Following the hint twice") took a class below a quarter or above four
 * times its first-result voxels, both on the whole aorta, both where the first result was the better one (aorta
 * 40 k voxels → 828, Dice 0.708 → 0.022; 58 k → 779 k, 0.603 → 0.166); every other class stayed within 0.35–2.9
 * times. The panel and the CLI say so by name and offer the first result; the engine does not choose for them.
 */

/** The refined result keeping less than this share of a class's first-result voxels is a loss to flag. */
export const SHRUNK_SHARE = 0.25;
/** ... and more than this multiple of them, a flood to flag (the same factor the other way). */
export const GROWN_FACTOR = 4;

/** One flagged class: its voxels in the first and the refined result, and refined / first. */
export interface RefinementChange {
  value: number;
  firstVoxels: number;
  refinedVoxels: number;
  ratio: number;
}

/**
 * The classes of `values` outside [SHRUNK_SHARE, GROWN_FACTOR] times their first-result voxels. Counts are indexed
 * by label value. A class absent from either result is not compared here: a class with no voxel at all is the
 * missing-class warning's, which says more.
 */
export function refinementChanges(
  firstVoxels: ArrayLike<number>, refinedVoxels: ArrayLike<number>, values: readonly number[],
): { shrunk: RefinementChange[]; grown: RefinementChange[] } {
  const compared = values
    .map((value) => ({ value, firstVoxels: firstVoxels[value] ?? 0, refinedVoxels: refinedVoxels[value] ?? 0 }))
    .filter((c) => c.firstVoxels > 0 && c.refinedVoxels > 0)
    .map((c) => ({ ...c, ratio: c.refinedVoxels / c.firstVoxels }));
  return {
    shrunk: compared.filter((c) => c.ratio < SHRUNK_SHARE),
    grown: compared.filter((c) => c.ratio > GROWN_FACTOR),
  };
}

/** A kept share as the panel and the CLI print it: whole per cent, and "less than 1 %" rather than "0 %". */
export function keptPercent(ratio: number): string {
  return ratio < 0.005 ? 'less than 1 %' : `${Math.round(100 * ratio)} %`;
}
