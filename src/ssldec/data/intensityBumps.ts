/**
 * Each image channel read through B Gaussian bumps spread over its normalised 0..1 range (centres (b + ½)/B, σ 1/B):
 * a basis on which the per-voxel network can fit a class whose intensities lie between two others' (oedema between
 * healthy brain and the tumour core in FLAIR) within its few hundred steps. Computed as a voxel is read, so it costs
 * no memory. An option (model.intensityBumps), not the default: it lifts the tumour and the posterior fossa but costs
 * the FS brain's white matter, and its gain on the suite is not told apart from zero (../README.md, "Intensity bumps").
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
