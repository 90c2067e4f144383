/**
 * Cropping a volume to a box: the benchmark cases are mostly empty background around the anatomy, which is slow to
 * train and predict on a CPU and would dominate any voxel count.
 */
import type { Geometry } from '../../../src/volume/Volume';

/** Index box [start, end) along i, j, k. */
export interface Box {
  start: [number, number, number];
  end: [number, number, number];
}

/** Bounding box of the voxels where `inside(v)` holds (flat index), grown by `margin` voxels, clipped to the grid. */
export function boundingBox(dims: [number, number, number], inside: (v: number) => boolean, margin: number): Box {
  const [nx, ny, nz] = dims;
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [-1, -1, -1];
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        if (!inside(v)) continue;
        if (i < lo[0]) lo[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (i > hi[0]) hi[0] = i;
        if (j > hi[1]) hi[1] = j;
        if (k > hi[2]) hi[2] = k;
      }
    }
  }
  if (hi[0] < 0) throw new Error('Bounding box of an empty selection: no voxel is inside');
  return {
    start: lo.map((x) => Math.max(0, x - margin)) as [number, number, number],
    end: hi.map((x, a) => Math.min(dims[a], x + 1 + margin)) as [number, number, number],
  };
}

/** Geometry of a sub-box: same spacing and axes, origin moved to the box's first voxel. */
export function cropGeometry(g: Geometry, box: Box): Geometry {
  const d = g.direction;
  const [i0, j0, k0] = box.start;
  const origin = [0, 1, 2].map(
    (a) => g.origin[a] + i0 * g.spacing[0] * d[a] + j0 * g.spacing[1] * d[3 + a] + k0 * g.spacing[2] * d[6 + a],
  ) as [number, number, number];
  const dimensions = [0, 1, 2].map((a) => box.end[a] - box.start[a]) as [number, number, number];
  return { dimensions, spacing: [...g.spacing], origin, direction: [...g.direction] };
}

/** Copy the voxels of `box` out of a flat array of a grid of `dims`. */
export function cropArray<T extends Float32Array | Uint8Array>(source: T, dims: [number, number, number], box: Box, target: T): T {
  const [nx, ny] = dims;
  const [i0, j0, k0] = box.start;
  const [i1, j1, k1] = box.end;
  let o = 0;
  for (let k = k0; k < k1; k++) {
    for (let j = j0; j < j1; j++) {
      const row = i0 + j * nx + k * nx * ny;
      target.set(source.subarray(row, row + (i1 - i0)), o);
      o += i1 - i0;
    }
  }
  return target;
}
