import { axisStride, lineBundles, lineStart } from '../../../../src/ssldec/data/volumeLines';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';

describe('lines of a volume along an axis', () => {
  const dims: Dims = [5, 4, 3];

  test.each([0, 1, 2] as const)('bundles along axis %i hold every line once, side by side and at most maxWidth wide', (axis) => {
    const lines = 60 / dims[axis];
    const starts = Array.from({ length: lines }, (_, l) => lineStart(dims, axis, l)).sort((a, b) => a - b);
    const bundles = lineBundles(dims, axis, 3);
    const bundled = bundles.flatMap(({ start, width }) => Array.from({ length: width }, (_, w) => start + w)).sort((a, b) => a - b);
    expect(bundled).toEqual(starts);
    for (const { width } of bundles) expect(width).toBeLessThanOrEqual(axis === 0 ? 1 : 3);
    // Each line's voxels are its start plus multiples of the stride: no two lines share a voxel.
    const voxels = new Set(starts.flatMap((s) => Array.from({ length: dims[axis] }, (_, t) => s + t * axisStride(dims, axis))));
    expect(voxels.size).toBe(60);
  });
});
