import type { Geometry } from '../../src/volume/Volume';

/** Index of the first differing element, or -1. (Jest's toEqual walks keys and is slow or runs out of heap on volumes.) */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) return n;
  return -1;
}

/** Asserts two grids are the same within `tolerance` mm (or cosine). */
export function expectSameGeometry(a: Geometry, b: Geometry, tolerance = 1e-4): void {
  expect(a.dimensions).toEqual(b.dimensions);
  for (const key of ['spacing', 'origin', 'direction'] as const) {
    a[key].forEach((v, n) => {
      if (Math.abs(v - b[key][n]) > tolerance) throw new Error(`${key}[${n}]: ${v} vs ${b[key][n]} (tolerance ${tolerance})`);
    });
  }
}
