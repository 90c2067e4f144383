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
