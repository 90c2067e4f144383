import type { Dims } from '../../src/ssldec/data/extractPatches';

/** Flat array of a grid filled by f(i, j, k), i fastest (the Volume.ts index order). */
export function grid<T extends Float32Array | Uint8Array>(target: T, [nx, ny, nz]: Dims, f: (i: number, j: number, k: number) => number): T {
  for (let k = 0, v = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, v++) target[v] = f(i, j, k);
  return target;
}
