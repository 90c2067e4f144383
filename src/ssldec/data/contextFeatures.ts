/**
 * Context features: the mean intensity of a large neighbourhood (radius R mm) around each voxel, one per image
 * channel and radius. A box mean this wide cannot memorise the shape of a stroke the way a learned spatial kernel
 * does, but it tells deep tissue (ventricles inside white matter) from surface tissue (sulcal CSF near the brain
 * edge). Stored on a coarse grid (block size ≈ R per axis) and read with trilinear interpolation, so a 512x512x300
 * volume costs a few MB, not a volume-sized copy.
 */
import type { Dims } from './extractPatches';
import { trilinearAxisAt } from './trilinearAxes';

/** One feature: a coarse grid of block means plus how to read it at a fine voxel. */
export interface ContextFeature {
  /** Source image channel. */
  channel: number;
  /** Coarse grid size and block size per axis (voxels). */
  coarseDims: Dims;
  block: [number, number, number];
  /** Smoothed block means, flat index I + J*cx + K*cx*cy, in raw intensity units. */
  values: Float32Array;
}

/** Block means of `values` over `block`-sized cells, then a 3-tap box smoothing per axis (window ≈ 3 blocks). */
function coarseMeans(values: Float32Array, dims: Dims, block: [number, number, number]): { coarse: Float32Array; cdims: Dims } {
  const [nx, ny, nz] = dims;
  const cdims: Dims = [Math.ceil(nx / block[0]), Math.ceil(ny / block[1]), Math.ceil(nz / block[2])];
  const [cx, cy, cz] = cdims;
  const sum = new Float64Array(cx * cy * cz);
  const count = new Uint32Array(cx * cy * cz);
  for (let k = 0; k < nz; k++) {
    const ck = Math.floor(k / block[2]) * cx * cy;
    for (let j = 0; j < ny; j++) {
      const cj = ck + Math.floor(j / block[1]) * cx;
      const row = j * nx + k * nx * ny;
      for (let i = 0; i < nx; i++) {
        const c = cj + Math.floor(i / block[0]);
        sum[c] += values[row + i];
        count[c]++;
      }
    }
  }
  let grid = new Float32Array(sum.length);
  for (let c = 0; c < grid.length; c++) grid[c] = sum[c] / count[c];
  const strides = [1, cx, cx * cy];
  for (let axis = 0; axis < 3; axis++) {
    const n = cdims[axis];
    if (n < 2) continue;
    const out = new Float32Array(grid.length);
    for (let c = 0; c < grid.length; c++) {
      const pos = Math.floor(c / strides[axis]) % n;
      let s = grid[c];
      let w = 1;
      if (pos > 0) { s += grid[c - strides[axis]]; w++; }
      if (pos < n - 1) { s += grid[c + strides[axis]]; w++; }
      out[c] = s / w;
    }
    grid = out;
  }
  return { coarse: grid, cdims };
}

/**
 * Computes the features of every channel for every radius.
 * @param radiiMm neighbourhood radii in mm (e.g. [8, 24]).
 * @param spacing voxel size in mm along i, j, k.
 */
export function computeContextFeatures(channels: Float32Array[], dims: Dims, spacing: [number, number, number],
  radiiMm: number[]): ContextFeature[] {
  const features: ContextFeature[] = [];
  for (const radius of radiiMm) {
    const block = spacing.map((s, a) => Math.max(1, Math.min(dims[a], Math.round(radius / Math.max(s, 1e-6))))) as [number, number, number];
    channels.forEach((values, channel) => {
      const { coarse, cdims } = coarseMeans(values, dims, block);
      features.push({ channel, coarseDims: cdims, block, values: coarse });
    });
  }
  return features;
}

/** Trilinear read of a feature at fine voxel (i, j, k) (any integers; clamped to the grid). */
export function sampleFeature(f: ContextFeature, i: number, j: number, k: number): number {
  const [cx, cy, cz] = f.coarseDims;
  const [i0, i1, fi] = trilinearAxisAt(i, f.block[0], cx);
  const [j0, j1, fj] = trilinearAxisAt(j, f.block[1], cy);
  const [k0, k1, fk] = trilinearAxisAt(k, f.block[2], cz);
  const v = f.values;
  const at = (a: number, b: number, c: number) => v[a + b * cx + c * cx * cy];
  const c00 = at(i0, j0, k0) * (1 - fi) + at(i1, j0, k0) * fi;
  const c10 = at(i0, j1, k0) * (1 - fi) + at(i1, j1, k0) * fi;
  const c01 = at(i0, j0, k1) * (1 - fi) + at(i1, j0, k1) * fi;
  const c11 = at(i0, j1, k1) * (1 - fi) + at(i1, j1, k1) * fi;
  return (c00 * (1 - fj) + c10 * fj) * (1 - fk) + (c01 * (1 - fj) + c11 * fj) * fk;
}
