import type { Geometry } from './Volume';

/**
 * How the voxel axes of one grid lie on another grid that covers the same voxels in space, differing only by
 * axis order and direction (dcm2niix, ITK-SNAP, 3D Slicer and FSL store a DICOM series' voxels with some axes
 * flipped or swapped). `axis[a]` is the target axis that source axis a runs along, `flip[a]` says it runs
 * backwards: source index i on axis a is target index `flip[a] ? dims[axis[a]] - 1 - i : i`.
 */
export interface AxisMapping {
  axis: [number, number, number];
  flip: [boolean, boolean, boolean];
}

/** Cosines closer than this to ±1 count as parallel axes (DICOM's 1e-3 orientation tolerance). */
const COSINE_TOLERANCE = 1e-3;

/**
 * The axis permutation and flips that put `source` exactly onto `target`, or undefined when the two grids are
 * not the same voxels in space (other size, spacing, position or an oblique rotation between them).
 * Positions must agree within `toleranceMm` (NIfTI stores float32 geometry).
 */
export function axisMapping(source: Geometry, target: Geometry, toleranceMm = 0.01): AxisMapping | undefined {
  const axis: number[] = [];
  const flip: boolean[] = [];
  for (let a = 0; a < 3; a++) {
    const d = source.direction.slice(3 * a, 3 * a + 3);
    const cosines = [0, 1, 2].map((b) => d[0] * target.direction[3 * b] + d[1] * target.direction[3 * b + 1] + d[2] * target.direction[3 * b + 2]);
    const b = cosines.findIndex((c) => Math.abs(Math.abs(c) - 1) < COSINE_TOLERANCE);
    if (b < 0 || axis.includes(b)) return undefined;
    if (source.dimensions[a] !== target.dimensions[b]) return undefined;
    if (Math.abs(source.spacing[a] - target.spacing[b]) > toleranceMm) return undefined;
    axis.push(b);
    flip.push(cosines[b] < 0);
  }
  // The source's first voxel must be the target voxel at the corner the flips name.
  const corner = [0, 0, 0];
  for (let a = 0; a < 3; a++) corner[axis[a]] = flip[a] ? target.dimensions[axis[a]] - 1 : 0;
  for (let r = 0; r < 3; r++) {
    let expected = target.origin[r];
    for (let b = 0; b < 3; b++) expected += corner[b] * target.spacing[b] * target.direction[3 * b + r];
    if (Math.abs(expected - source.origin[r]) > toleranceMm) return undefined;
  }
  return { axis: axis as AxisMapping['axis'], flip: flip as AxisMapping['flip'] };
}

/** True when the mapping changes nothing (same axes, no flips): the data can be used as it is. */
export function isIdentity(m: AxisMapping): boolean {
  return m.axis.every((b, a) => b === a) && m.flip.every((f) => !f);
}

/**
 * Copies voxel data laid out on the source grid (i fastest) into the target grid's layout with `mapping`.
 * @param targetDimensions the target grid's [columns, rows, slices].
 */
export function reorderVoxels<T extends Uint8Array | Float32Array>(data: T, sourceDimensions: readonly number[], targetDimensions: readonly number[], mapping: AxisMapping): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const stride = [1, targetDimensions[0], targetDimensions[0] * targetDimensions[1]];
  // Target offset of source index 0 and the target step per source step on each axis.
  let base = 0;
  const step: number[] = [];
  for (let a = 0; a < 3; a++) {
    const b = mapping.axis[a];
    if (mapping.flip[a]) base += (targetDimensions[b] - 1) * stride[b];
    step.push(mapping.flip[a] ? -stride[b] : stride[b]);
  }
  const [ni, nj, nk] = sourceDimensions;
  let n = 0;
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      let t = base + k * step[2] + j * step[1];
      for (let i = 0; i < ni; i++, n++, t += step[0]) out[t] = data[n];
    }
  }
  return out;
}
