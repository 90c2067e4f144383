/**
 * Trilinear reads of a coarse grid from a fine one, shared by the coarse grids the inputs read: the geodesic
 * distances (geodesicFeatures.ts, through per-axis tables) and the context features' block means (contextFeatures.ts).
 */
import type { Dims } from './extractPatches';

/**
 * Fine coordinate x read through cells of `block` voxels, `cells` of them along the axis: the lower and upper cell
 * and the upper one's weight. Cell centres lie at (c + 0.5)·block; a voxel beyond the outer centres reads the outer cell.
 */
export function trilinearAxisAt(x: number, block: number, cells: number): [lo: number, hi: number, upperWeight: number] {
  const u = Math.min(cells - 1, Math.max(0, (x + 0.5) / block - 0.5));
  const lo = Math.floor(u);
  return [lo, Math.min(cells - 1, lo + 1), u - lo];
}

/** One fine axis's trilinear reads of the coarse grid: per fine coordinate x, cells lo[x] and hi[x] at weights w0[x], w1[x]. */
export interface TrilinearAxis {
  lo: Int32Array;
  hi: Int32Array;
  w0: Float64Array;
  w1: Float64Array;
}

/** The trilinear tables of a fine grid `dims` read through cells of `block` voxels (`cdims` cells per axis). */
export function trilinearAxes(dims: Dims, block: [number, number, number], cdims: Dims): TrilinearAxis[] {
  return dims.map((length, a) => {
    const axis = { lo: new Int32Array(length), hi: new Int32Array(length), w0: new Float64Array(length), w1: new Float64Array(length) };
    for (let x = 0; x < length; x++) {
      const [lo, hi, upper] = trilinearAxisAt(x, block[a], cdims[a]);
      axis.lo[x] = lo;
      axis.hi[x] = hi;
      axis.w0[x] = 1 - upper;
      axis.w1[x] = upper;
    }
    return axis;
  });
}
