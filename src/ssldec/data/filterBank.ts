/**
 * Fixed multi-scale filter-bank features, as ilastik's pixel classifier uses: at each scale σ (mm), the smoothed
 * intensity (Gaussian, as ilastik; or edge-aware, edgeAwareMean.ts), its Laplacian (LoG: blobs and sheets, dark ventricles vs thin sulci) and its gradient
 * magnitude (edges), computed in 3D with separable kernels that respect anisotropic spacing. Being translation-
 * invariant and not learned, they give a per-voxel network context that it cannot use to memorise where the
 * scribbles are (a learned spatial kernel does; src/ssldec/README.md).
 */
import type { Dims } from './extractPatches';
import { edgeAwareMean } from './edgeAwareMean';
import { percentiles } from './normaliseIntensities';
import { axisStride, lineStart } from './volumeLines';

/** Kernels truncated at 4σ, as scipy.ndimage does. */
const TRUNCATE = 4;

/**
 * Correlation kernel of width σ voxels: the Gaussian (order 0, sums to 1), or its first or second derivative
 * (order 1, 2), corrected for sampling and truncation so that they are exact on polynomials up to degree 2: the
 * first derivative of a unit ramp is 1, the second derivative of x² is 2 and of a constant 0 (the raw sampled
 * kernels are off by tens of per cent at σ below one voxel, e.g. thick slices).
 */
export function gaussianKernel(sigma: number, order: 0 | 1 | 2): Float32Array {
  const radius = Math.max(1, Math.ceil(TRUNCATE * sigma));
  const xs = Array.from({ length: 2 * radius + 1 }, (_, q) => q - radius);
  const s2 = sigma * sigma;
  const g = xs.map((x) => Math.exp((-x * x) / (2 * s2)));
  const gSum = g.reduce((a, b) => a + b, 0);
  const gauss = g.map((v) => v / gSum);
  if (order === 0) return Float32Array.from(gauss);
  if (order === 1) {
    const k = xs.map((x, q) => x * gauss[q]);
    const moment = k.reduce((a, w, q) => a + w * xs[q], 0);
    return Float32Array.from(k.map((w) => w / moment));
  }
  const raw = xs.map((x, q) => (x * x - s2) * gauss[q]);
  const offset = raw.reduce((a, b) => a + b, 0);
  const zeroSum = raw.map((w, q) => w - offset * gauss[q]);
  const moment = zeroSum.reduce((a, w, q) => a + w * xs[q] * xs[q], 0);
  return Float32Array.from(zeroSum.map((w) => (2 * w) / moment));
}

/** Correlates `src` with `kernel` along one axis (0 = i, 1 = j, 2 = k), mirrored at the borders. */
export function filterAxis(src: Float32Array, dims: Dims, axis: 0 | 1 | 2, kernel: Float32Array): Float32Array {
  const out = new Float32Array(src.length);
  const n = dims[axis];
  const stride = axisStride(dims, axis);
  const r = (kernel.length - 1) / 2;
  // Mirrored index (…2 1 0 | 0 1 2 … n-1 | n-1 n-2 …), as scipy's 'reflect' mode.
  const index = new Int32Array(n + 2 * r);
  for (let t = -r; t < n + r; t++) {
    let u = t;
    while (u < 0 || u >= n) u = u < 0 ? -u - 1 : 2 * n - u - 1;
    index[t + r] = u * stride;
  }
  // Each line is gathered once into a padded contiguous copy, so the kernel reads neighbours in cache instead of
  // striding through the volume once per tap. The filter bank's kernels are symmetric (Gaussian, second derivative)
  // or antisymmetric (first derivative): folding them halves the multiplications.
  const line = new Float64Array(n + 2 * r);
  const half = Float64Array.from(kernel.subarray(r));
  const parity = kernelParity(kernel);
  const lines = src.length / n;
  for (let l = 0; l < lines; l++) {
    const base = lineStart(dims, axis, l);
    for (let t = 0; t < line.length; t++) line[t] = src[base + index[t]];
    for (let t = 0; t < n; t++) {
      const c = t + r;
      let s = 0;
      if (parity === 1) {
        s = half[0] * line[c];
        for (let q = 1; q <= r; q++) s += half[q] * (line[c + q] + line[c - q]);
      } else if (parity === -1) {
        for (let q = 1; q <= r; q++) s += half[q] * (line[c + q] - line[c - q]);
      } else {
        for (let q = -r; q <= r; q++) s += kernel[r + q] * line[c + q];
      }
      out[base + t * stride] = s;
    }
  }
  return out;
}

/** 1 for a symmetric kernel, −1 for an antisymmetric one (centre 0), 0 otherwise. */
function kernelParity(kernel: Float32Array): 1 | -1 | 0 {
  const r = (kernel.length - 1) / 2;
  let symmetric = true, antisymmetric = kernel[r] === 0;
  for (let q = 1; q <= r; q++) {
    symmetric &&= kernel[r + q] === kernel[r - q];
    antisymmetric &&= kernel[r + q] === -kernel[r - q];
  }
  return symmetric ? 1 : antisymmetric ? -1 : 0;
}

/** Names of the features per scale, in output order (the mean is the Gaussian or the edge-aware one). */
export const FILTER_BANK_FEATURES = ['mean', 'laplacian', 'gradientMagnitude'] as const;

/** How the filter bank's mean is taken: Gaussian (ilastik's), or edge-aware (edgeAwareMean.ts). */
export type FilterMean = 'gaussian' | 'edgeAware';

/**
 * Edge strength at which the edge-aware mean stops, as a fraction of the channel's 0.5–99.5 % intensity range: the
 * cortex/white-matter step of a T1 is about 0.3 of it, scanner noise a few hundredths.
 */
export const EDGE_AWARE_RANGE = 0.1;

/**
 * Edge strength at which a channel's edge-aware mean stops (EDGE_AWARE_RANGE of its 0.5–99.5 % range); 0 for the
 * Gaussian mean, which has none.
 */
export function edgeStopOf(values: Float32Array, mean: FilterMean = 'gaussian'): number {
  if (mean !== 'edgeAware') return 0;
  const [low, high] = percentiles(values, 0.5, 99.5);
  return Math.max(1e-6, (high - low) * EDGE_AWARE_RANGE);
}

/**
 * Features of one channel: for each σ (mm), the mean (Gaussian, or edge-aware with `mean: 'edgeAware'`), LoG and
 * gradient magnitude (3 arrays per scale, in mm units so a model transfers across spacings). LoG and gradient are
 * Gaussian derivatives either way.
 */
export function filterBank(values: Float32Array, dims: Dims, spacing: [number, number, number], sigmasMm: number[],
  mean: FilterMean = 'gaussian'): Float32Array[] {
  const edgeStop = sigmasMm.length ? edgeStopOf(values, mean) : 0;
  return sigmasMm.flatMap((sigmaMm) => filterBankScale(values, dims, spacing, sigmaMm, mean, edgeStop));
}

/**
 * The filter bank's three features at one σ (mm): [mean, LoG, gradient magnitude]. `edgeStop` is the edge-aware
 * mean's (edgeStopOf, from the whole channel); the scales are independent, so two threads can share them.
 */
export function filterBankScale(values: Float32Array, dims: Dims, spacing: [number, number, number], sigmaMm: number,
  mean: FilterMean, edgeStop: number): Float32Array[] {
  const sig = spacing.map((s) => sigmaMm / Math.max(s, 1e-6));
  const g = [0, 1, 2].map((a) => gaussianKernel(sig[a], 0)) as [Float32Array, Float32Array, Float32Array];
  const d1 = [0, 1, 2].map((a) => gaussianKernel(sig[a], 1).map((v) => v / spacing[a]));
  const d2 = [0, 1, 2].map((a) => gaussianKernel(sig[a], 2).map((v) => v / (spacing[a] * spacing[a])));
  const along = (src: Float32Array, axis: 0 | 1 | 2, kernel: Float32Array) => filterAxis(src, dims, axis, kernel);
  // Separable kernels commute, so each derivative reuses the Gaussian smoothing along the two other axes:
  // 12 line passes per scale instead of 21.
  const smoothK = along(values, 2, g[2]);
  const smoothedExcept = [along(smoothK, 1, g[1]), along(smoothK, 0, g[0]), along(along(values, 0, g[0]), 1, g[1])];
  const smoothed = mean === 'edgeAware' ? edgeAwareMean(values, dims, spacing, sigmaMm, edgeStop) : along(smoothedExcept[0], 0, g[0]);
  const laplacian = new Float32Array(values.length);
  const gradient2 = new Float32Array(values.length);
  for (const axis of [0, 1, 2] as const) {
    if (dims[axis] < 2) continue;
    const second = along(smoothedExcept[axis], axis, d2[axis]);
    const first = along(smoothedExcept[axis], axis, d1[axis]);
    for (let v = 0; v < values.length; v++) {
      laplacian[v] += second[v];
      gradient2[v] += first[v] * first[v];
    }
  }
  for (let v = 0; v < gradient2.length; v++) gradient2[v] = Math.sqrt(gradient2[v]);
  return [smoothed, laplacian, gradient2];
}
