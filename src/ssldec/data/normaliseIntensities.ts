/**
 * Robust intensity normalisation: per channel, the low and high percentiles map to 0 and 1 (linear, not clipped),
 * so outliers (hot voxels, metal) do not squash the tissue range. Percentiles come from an evenly strided sample of
 * at most 2^20 voxels (exact enough, and fast on 512x512x300 volumes). The mapping is applied while patches are
 * copied out (extractPatches.ts), so no normalised copy of the volume is ever made.
 */
import type { NormalisationSpec } from './InputSpec';

const MAX_SAMPLES = 1 << 20;

/** Linear map of one channel: normalised = (value − offset) × scale. */
export interface IntensityMap {
  offset: number;
  scale: number;
  /** Clamp the mapped value to 0..1 (an intensity window: values beyond it carry no more information). */
  clip?: boolean;
}

/** The `low`/`high` percentiles (0..100) of `values`, from a strided sample. */
export function percentiles(values: Float32Array, low: number, high: number): [number, number] {
  const stride = Math.max(1, Math.ceil(values.length / MAX_SAMPLES));
  const sample = new Float32Array(Math.ceil(values.length / stride));
  let hasNaN = false;
  for (let i = 0, s = 0; i < values.length; i += stride, s++) {
    sample[s] = values[i];
    hasNaN ||= values[i] !== values[i];
  }
  const rank = (p: number) => Math.min(sample.length - 1, Math.max(0, Math.round((p / 100) * (sample.length - 1))));
  const [a, b] = [rank(low), rank(high)];
  // Two order statistics need no full sort (a sort of 2^20 samples per feature channel cost ~1 s per run).
  if (hasNaN) {
    sample.sort();
    return [sample[a], sample[b]];
  }
  const first = selectInPlace(sample, a, 0, sample.length - 1);
  return [first, selectInPlace(sample, b, a <= b ? a : 0, a <= b ? sample.length - 1 : a)];
}

/**
 * Hoare's selection: the value of rank `k` in a[lo..hi] (k within it), partially reordering a so that a[k] holds
 * it with nothing larger before and nothing smaller after.
 */
function selectInPlace(a: Float32Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and constant runs from going quadratic.
    const mid = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i]; a[i] = a[j]; a[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/**
 * Per-channel maps for a volume. A channel whose percentile range is zero (mostly one value) falls back to its full
 * min..max range; truly constant volumes are rejected earlier (validateInputs.ts).
 */
export function intensityMaps(channels: Float32Array[], spec: NormalisationSpec): IntensityMap[] {
  return channels.map((values) => {
    let [low, high] = percentiles(values, spec.low, spec.high);
    if (!(high > low)) {
      low = Infinity; high = -Infinity;
      for (let i = 0; i < values.length; i++) { low = Math.min(low, values[i]); high = Math.max(high, values[i]); }
    }
    return { offset: low, scale: high > low ? 1 / (high - low) : 1 };
  });
}
