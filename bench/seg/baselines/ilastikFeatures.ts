/**
 * ilastik's classic pixel-classification features, per image channel: the raw intensity and, at each scale σ
 * (voxels, as ilastik counts them), the Gaussian-smoothed intensity, Laplacian of Gaussian, Gaussian gradient
 * magnitude and difference of Gaussians G(σ) − G(0.66σ). Gaussian, LoG and gradient magnitude come from the
 * engine's filter bank (src/ssldec/data/filterBank.ts: separable, exact on quadratics); 2D cases filter each slice.
 */
import { filterAxis, filterBank, gaussianKernel } from '../../../src/ssldec/data/filterBank';
import type { Volume } from '../../../src/volume/Volume';

/** ilastik's default scales (voxels). */
export const ILASTIK_SIGMAS = [0.7, 1, 1.6, 3.5, 5];
/** ilastik's inner scale of the difference of Gaussians, relative to σ. */
export const DOG_INNER = 0.66;

export interface FeatureStack {
  /** "FLAIR gaussian σ1.6", ...; one per array. */
  names: string[];
  /** One array per feature, on the volume's grid. */
  values: Float32Array[];
}

type Dims = [number, number, number];

/** Gaussian smoothing at σ voxels along the given axes. */
function smooth(values: Float32Array, dims: Dims, sigma: number, axes: Array<0 | 1 | 2>): Float32Array {
  const kernel = gaussianKernel(sigma, 0);
  return axes.reduce((src, axis) => (dims[axis] > 1 ? filterAxis(src, dims, axis, kernel) : src), values);
}

/** Features of one channel on a grid, all axes of `dims` filtered. */
function channelFeatures(values: Float32Array, dims: Dims, sigmas: number[]): Float32Array[] {
  const bank = filterBank(values, dims, [1, 1, 1], sigmas);
  const out: Float32Array[] = [values];
  sigmas.forEach((sigma, s) => {
    const [gaussian, laplacian, gradient] = bank.slice(3 * s, 3 * s + 3);
    const inner = smooth(values, dims, DOG_INNER * sigma, [2, 1, 0]);
    out.push(gaussian, laplacian, gradient, gaussian.map((g, v) => g - inner[v]));
  });
  return out;
}

/** The feature stack of a volume; `inPlane` filters each slice on its own (2D cases). */
export function ilastikFeatures(volume: Volume, options: { sigmas?: number[]; inPlane?: boolean } = {}): FeatureStack {
  const sigmas = options.sigmas ?? ILASTIK_SIGMAS;
  const dims = volume.dimensions;
  const names: string[] = [];
  const values: Float32Array[] = [];
  volume.channels.forEach((channel, c) => {
    const channelName = volume.channelNames?.[c] ?? `channel ${c + 1}`;
    names.push(`${channelName} raw`, ...sigmas.flatMap((s) => ['gaussian', 'LoG', 'gradient magnitude', 'DoG'].map((f) => `${channelName} ${f} σ${s}`)));
    if (!options.inPlane) {
      values.push(...channelFeatures(channel, dims, sigmas));
      return;
    }
    const perSlice = dims[0] * dims[1];
    const stacked = Array.from({ length: 1 + 4 * sigmas.length }, () => new Float32Array(channel.length));
    for (let k = 0; k < dims[2]; k++) {
      const slice = channel.slice(k * perSlice, (k + 1) * perSlice);
      channelFeatures(slice, [dims[0], dims[1], 1], sigmas).forEach((f, i) => stacked[i].set(f, k * perSlice));
    }
    values.push(...stacked);
  });
  return { names, values };
}
