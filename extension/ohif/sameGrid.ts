/**
 * Whether two series lie on one voxel grid, so that one can be an extra channel of the other (T1 + T2, T1c + FLAIR
 * acquired in one session): the engine trains on voxel-aligned channels and does not resample. Tolerances as the
 * CLI's repeated `--image` (src/cli/addImageChannels.ts).
 */
import type { Geometry } from '../../src/volume/Volume';

/** Positions and spacings within this distance (mm) count as equal. */
const TOLERANCE_MM = 0.01;
/** Direction cosines within this difference count as equal. */
const TOLERANCE_DIRECTION = 1e-3;

/** The first field in which `b` differs from `a` ("dimensions [..] vs [..]"), or undefined when they share a grid. */
export function gridDifference(a: Geometry, b: Geometry): string | undefined {
  const fields: Array<[string, readonly number[], readonly number[], number]> = [
    ['dimensions', a.dimensions, b.dimensions, 0],
    ['spacing', a.spacing, b.spacing, TOLERANCE_MM],
    ['origin', a.origin, b.origin, TOLERANCE_MM],
    ['direction', a.direction, b.direction, TOLERANCE_DIRECTION],
  ];
  for (const [name, x, y, tol] of fields) {
    if (x.length !== y.length || x.some((v, n) => !(Math.abs(v - y[n]) <= tol))) return `${name} [${y.join(', ')}] vs [${x.join(', ')}]`;
  }
  return undefined;
}
