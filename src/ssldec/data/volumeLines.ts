/**
 * The lines of a volume along one axis, for filters that run along lines (filterBank.ts, edgeAwareMean.ts): a volume
 * of `dims` has voxels / dims[axis] lines along `axis`, line l starting at lineStart(l) and stepping by axisStride.
 */
import type { Dims } from './extractPatches';

/** Step between neighbours along axis 0 (i), 1 (j) or 2 (k), in the Volume.ts index order. */
export function axisStride(dims: Dims, axis: 0 | 1 | 2): number {
  return axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
}

/** First voxel of line l along `axis` (the lines enumerate the other two axes). */
export function lineStart(dims: Dims, axis: 0 | 1 | 2, l: number): number {
  return axis === 0 ? l * dims[0] : axis === 1 ? (l % dims[0]) + Math.floor(l / dims[0]) * dims[0] * dims[1] : l;
}

/** Lines that start at consecutive voxels, start ... start + width − 1, each stepping by the axis's stride. */
export interface LineBundle {
  start: number;
  width: number;
}

/**
 * The lines along `axis` in bundles of at most `maxWidth` side by side: along j the lines of one row of a slice,
 * along k those of a whole slice (along i no two lines start at consecutive voxels: one line a bundle). A filter that
 * steps every line of a bundle at once reads and writes the volume in memory order; one line at a time, each step
 * jumps a row or a slice ahead, which along the slice axis costs a cache miss per voxel.
 */
export function lineBundles(dims: Dims, axis: 0 | 1 | 2, maxWidth: number): LineBundle[] {
  const [nx, ny, nz] = dims;
  if (axis === 0) return Array.from({ length: ny * nz }, (_, l) => ({ start: l * nx, width: 1 }));
  // Along j the lines of slice k start at k·nx·ny + 0 ... nx − 1; along k all lines start in slice 0.
  const runs = axis === 1
    ? Array.from({ length: nz }, (_, k) => ({ start: k * nx * ny, width: nx }))
    : [{ start: 0, width: nx * ny }];
  const bundles: LineBundle[] = [];
  for (const { start, width } of runs) {
    for (let at = 0; at < width; at += maxWidth) bundles.push({ start: start + at, width: Math.min(maxWidth, width - at) });
  }
  return bundles;
}
