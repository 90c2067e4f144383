/**
 * Each image channel read through B Gaussian bumps spread over its normalised 0..1 range (centres (b + ½)/B, σ 1/B):
 * a basis on which the per-voxel network fits an intensity-to-class map that is not monotone in a few hundred steps,
 * such as a class whose intensities lie between two others' (oedema between healthy brain and the tumour core in
 * FLAIR, the cerebellar cortex between white matter and CSF). Computed as a voxel is read, so it costs no memory.
 */

/** Writes the B bumps of normalised value `x` (clamped to 0..1) at out[o...]; returns the next o. */
export function writeIntensityBumps(x: number, count: number, out: Float32Array, o: number): number {
  const v = x < 0 ? 0 : x > 1 ? 1 : x;
  const twoSigma2 = 2 / (count * count);
  for (let b = 0; b < count; b++) {
    const d = v - (b + 0.5) / count;
    out[o++] = Math.exp(-(d * d) / twoSigma2);
  }
  return o;
}
