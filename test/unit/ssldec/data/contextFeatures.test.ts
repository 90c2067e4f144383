import { computeContextFeatures, sampleFeature } from '../../../../src/ssldec/data/contextFeatures';

describe('context features (coarse box means, trilinear read)', () => {
  test('a constant volume gives the constant everywhere', () => {
    const [f] = computeContextFeatures([new Float32Array(10 * 8 * 6).fill(3)], [10, 8, 6], [1, 1, 2], [4]);
    expect(f.block).toEqual([4, 4, 2]);
    expect(f.coarseDims).toEqual([3, 2, 3]);
    for (const [i, j, k] of [[0, 0, 0], [9, 7, 5], [5, 3, 2], [-3, 20, 1]]) expect(sampleFeature(f, i, j, k)).toBeCloseTo(3, 6);
  });

  test('a left/right step: deep left voxels read the left value, the middle reads between, memory is coarse', () => {
    const [nx, ny, nz] = [64, 4, 4];
    const values = new Float32Array(nx * ny * nz);
    for (let i = 0; i < values.length; i++) values[i] = i % nx < 32 ? 0 : 100;
    const [f] = computeContextFeatures([values], [nx, ny, nz], [1, 1, 1], [8]);
    expect(f.values.length).toBe(8 * 1 * 1);
    expect(sampleFeature(f, 2, 1, 1)).toBeCloseTo(0, 4);
    expect(sampleFeature(f, 61, 1, 1)).toBeCloseTo(100, 4);
    const middle = sampleFeature(f, 32, 1, 1);
    expect(middle).toBeGreaterThan(20);
    expect(middle).toBeLessThan(80);
    // Monotone across the step.
    let previous = -1;
    for (let i = 0; i < nx; i++) {
      const v = sampleFeature(f, i, 1, 1);
      expect(v).toBeGreaterThanOrEqual(previous - 1e-4);
      previous = v;
    }
  });
});
