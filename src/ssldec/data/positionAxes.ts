/**
 * Which position coordinates a new model may use. Clinicians scribble on a few slices: along the slice axis the
 * scribbled voxels take only as many coordinate values as there are scribbled slices, so a network given that
 * coordinate learns a function of it from 3–5 points and extrapolates it everywhere else (on the FreeSurfer brain
 * this cost GM/WM Dice). In-plane coordinates are covered by the strokes themselves.
 */
import type { Labelmap } from '../../volume/Volume';

/** Fewest distinct scribbled coordinates along an axis for the position input of that axis to be used. */
export const MIN_POSITION_VALUES = 8;

/** [i, j, k]: whether the scribbles cover at least MIN_POSITION_VALUES distinct coordinates along each axis. */
export function positionAxes(scribbles: Labelmap): [boolean, boolean, boolean] {
  const [nx, ny, nz] = scribbles.dimensions;
  const seen = [new Uint8Array(nx), new Uint8Array(ny), new Uint8Array(nz)];
  const data = scribbles.data;
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        if (data[v] === 0) continue;
        seen[0][i] = 1;
        seen[1][j] = 1;
        seen[2][k] = 1;
      }
    }
  }
  return seen.map((s) => s.reduce((a, b) => a + b, 0) >= MIN_POSITION_VALUES) as [boolean, boolean, boolean];
}
