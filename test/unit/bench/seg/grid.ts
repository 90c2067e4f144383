/** Small synthetic grids for the bench's unit tests. */
import type { Geometry } from '../../../../src/volume/Volume';

export function geometry(dims: [number, number, number], spacing: [number, number, number] = [1, 1, 1]): Geometry {
  return { dimensions: dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** Flat array of a grid filled by f(i, j, k). */
export function fill<T extends Float32Array | Uint8Array>(target: T, dims: [number, number, number], f: (i: number, j: number, k: number) => number): T {
  for (let k = 0, v = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, v++) target[v] = f(i, j, k);
  return target;
}
