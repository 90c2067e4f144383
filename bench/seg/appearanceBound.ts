import { percentiles } from '../../src/ssldec/data/normaliseIntensities';

/**
 * The appearance bound of a case: for each class, the highest Dice any classifier of the given per-voxel features
 * can reach, found by looking at the truth. The features' joint histogram is cut into bins; a classifier of the
 * features gives every voxel of a bin one answer, and the best set of bins to call class c is a prefix of the bins
 * sorted by the share of c among their voxels (the Dice-optimal rule thresholds that share). No method given
 * scribbles can beat it by appearance alone: a Dice above it needs context the features lack (where a voxel lies,
 * what it connects to). Each class is bounded on its own (the sets may overlap), and finer bins raise the bound (a
 * bin of a few voxels is memorised): an upper bound up to the binning, not an estimate. A benchmark aid; never a
 * method.
 */
export function appearanceBound(features: Float32Array[], truth: Uint8Array, binsPerFeature: number,
  classes: number[]): Record<number, number> {
  if (features.length === 0) throw new Error('appearanceBound needs at least one feature');
  const keys = new Int32Array(truth.length);
  for (const f of features) {
    if (f.length !== truth.length) throw new Error(`a feature has ${f.length} voxels, the truth ${truth.length}`);
    // The engine's MR scaling range; on CT it skips the air and metal tails.
    const [low, high] = percentiles(f, 0.5, 99.5);
    const scale = high > low ? binsPerFeature / (high - low) : 0;
    for (let v = 0; v < truth.length; v++) {
      const bin = Math.floor((f[v] - low) * scale);
      keys[v] = keys[v] * binsPerFeature + (bin < 0 ? 0 : bin >= binsPerFeature ? binsPerFeature - 1 : bin);
    }
  }
  // Per occupied bin: its voxels, and its voxels of each class.
  const totals = new Map<number, number>();
  const counts = new Map<number, Map<number, number>>(classes.map((c) => [c, new Map()]));
  for (let v = 0; v < truth.length; v++) {
    totals.set(keys[v], (totals.get(keys[v]) ?? 0) + 1);
    const of = counts.get(truth[v]);
    if (of) of.set(keys[v], (of.get(keys[v]) ?? 0) + 1);
  }
  const bound: Record<number, number> = {};
  for (const c of classes) {
    const bins = [...counts.get(c)!].map(([key, hits]) => [hits, totals.get(key)!]).sort((a, b) => b[0] / b[1] - a[0] / a[1]);
    const size = bins.reduce((s, [hits]) => s + hits, 0);
    let hits = 0;
    let called = 0;
    let best = 0;
    for (const [h, n] of bins) {
      hits += h;
      called += n;
      best = Math.max(best, (2 * hits) / (called + size));
    }
    bound[c] = size > 0 ? best : NaN;
  }
  return bound;
}

/**
 * Bins per feature for `n` voxels and `features` features: at most 128, and on average at least 16 voxels a bin
 * (fewer bins for more features, so the bound memorises less).
 */
export function binsFor(n: number, features: number): number {
  return Math.max(2, Math.min(128, Math.floor((n / 16) ** (1 / features))));
}

