/**
 * Edge-aware local mean: the domain transform's recursive filter (Gastal & Oliveira, "Domain Transform for
 * Edge-Aware Image and Video Processing", SIGGRAPH 2011), in 3D with anisotropic spacing. Along each axis the
 * distance between neighbours is stretched by the intensity step between them, h + (σs/σr)·|ΔI| mm, so a mean of
 * width σs gathers a region's own voxels and stops at edges larger than σr. The filter bank uses it for its smoothed
 * intensity (filterBank.ts): a Gaussian mean of a thin structure (the cortical ribbon) is a blend of its neighbours,
 * which the strokes, drawn inside regions, never sample; this mean keeps the ribbon's own level and still reports the
 * regional brightness a diffuse lesion (oedema) is told by.
 */
import type { Dims } from './extractPatches';
import { axisStride, lineBundles } from './volumeLines';

/** Passes over the three axes; three make the result close to isotropic (the paper's recommendation). */
const ITERATIONS = 3;
/** Most lines filtered side by side along the j and k axes (bounds the weights kept: this many per voxel of a line). */
const BUNDLE_WIDTH = 2048;

/**
 * The edge-aware mean of `values` at width `sigmaMm` (mm), stopping at intensity steps of about `sigmaR` (in the
 * units of `values`). Each pass filters every line forwards then backwards; the steps are read from the original image.
 */
export function edgeAwareMean(values: Float32Array, dims: Dims, spacing: [number, number, number], sigmaMm: number,
  sigmaR: number): Float32Array {
  const out = Float32Array.from(values);
  const stretch = sigmaMm / Math.max(sigmaR, 1e-12);
  // Lines along j and k are stepped side by side, in memory order (volumeLines.ts).
  const bundles = ([0, 1, 2] as const).map((axis) => lineBundles(dims, axis, BUNDLE_WIDTH));
  const weight = new Float64Array(Math.max(...dims) * BUNDLE_WIDTH); // weight[t·width + w] couples t − 1 and t
  for (let it = 0; it < ITERATIONS; it++) {
    // Each pass is narrower, so that the passes' variances add up to σs² (the paper's eq. 14).
    const sigmaPass = (sigmaMm * Math.sqrt(3) * 2 ** (ITERATIONS - it - 1)) / Math.sqrt(4 ** ITERATIONS - 1);
    const logFeedback = -Math.SQRT2 / sigmaPass;
    for (const axis of [0, 1, 2] as const) {
      const n = dims[axis];
      if (n < 2) continue;
      const stride = axisStride(dims, axis);
      const h = spacing[axis];
      for (const { start, width } of bundles[axis]) {
        for (let t = 1; t < n; t++) {
          const row = start + t * stride;
          for (let w = 0, at = t * width; w < width; w++, at++) {
            const v = row + w;
            weight[at] = Math.exp(logFeedback * (h + stretch * Math.abs(values[v] - values[v - stride])));
          }
        }
        for (let t = 1; t < n; t++) {
          const row = start + t * stride;
          for (let w = 0, at = t * width; w < width; w++, at++) {
            const v = row + w;
            out[v] += weight[at] * (out[v - stride] - out[v]);
          }
        }
        for (let t = n - 2; t >= 0; t--) {
          const row = start + t * stride;
          for (let w = 0, at = (t + 1) * width; w < width; w++, at++) {
            const v = row + w;
            out[v] += weight[at] * (out[v + stride] - out[v]);
          }
        }
      }
    }
  }
  return out;
}
