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
  for (let i = 0, s = 0; i < values.length; i += stride, s++) sample[s] = values[i];
  sample.sort();
  const at = (p: number) => sample[Math.min(sample.length - 1, Math.max(0, Math.round((p / 100) * (sample.length - 1))))];
  return [at(low), at(high)];
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
