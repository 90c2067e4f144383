/**
 * The voxel grid as a graph for the classical baselines: 6-connected neighbours (one step along i, j or k), each
 * axis with its length in mm, and a per-channel intensity scale so that channels in different units compare.
 */
import type { Volume } from '../../../src/volume/Volume';

/** Flat-index stride of a step along each axis. */
export function axisStrides(dims: [number, number, number]): [number, number, number] {
  return [1, dims[0], dims[0] * dims[1]];
}

/** Whether voxel `v` has a neighbour one step forward along `axis` (inside the grid). */
export function hasForwardNeighbour(v: number, axis: 0 | 1 | 2, dims: [number, number, number]): boolean {
  const [nx, ny, nz] = dims;
  if (axis === 0) return v % nx < nx - 1;
  if (axis === 1) return Math.floor(v / nx) % ny < ny - 1;
  return Math.floor(v / (nx * ny)) < nz - 1;
}

/**
 * Each channel divided by its robust spread (2nd to 98th percentile of a sample), so a difference of 1 means "the
 * image's contrast range" whatever the units (HU, normalised MR).
 */
export function robustlyScaledChannels(volume: Volume): Float32Array[] {
  return volume.channels.map((channel) => {
    const step = Math.max(1, Math.floor(channel.length / 100_000));
    const sample: number[] = [];
    for (let v = 0; v < channel.length; v += step) sample.push(channel[v]);
    sample.sort((a, b) => a - b);
    const lo = sample[Math.floor(0.02 * (sample.length - 1))];
    const hi = sample[Math.floor(0.98 * (sample.length - 1))];
    const scale = hi > lo ? 1 / (hi - lo) : 1;
    return channel.map((x) => x * scale);
  });
}

/** Squared intensity distance between voxels a and b over the (scaled) channels. */
export function squaredDifference(channels: Float32Array[], a: number, b: number): number {
  let s = 0;
  for (const c of channels) {
    const d = c[a] - c[b];
    s += d * d;
  }
  return s;
}
