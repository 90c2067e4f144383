import { GROWN_FACTOR, refinementChanges, SHRUNK_SHARE } from '../../../../src/ssldec';

describe('refinementChanges: classes the SSLDEC rounds all but removed or flooded', () => {
  test('flags a class under a quarter or over four times its first-result voxels, and names the counts', () => {
    // Counts indexed by label value (0 = unlabelled, never compared unless asked).
    const first = [0, 40000, 1000, 500, 800];
    const refined = [0, 828, 1000, 2001, 3200];
    const { shrunk, grown } = refinementChanges(first, refined, [1, 2, 3, 4]);
    expect(shrunk).toEqual([{ value: 1, firstVoxels: 40000, refinedVoxels: 828, ratio: 828 / 40000 }]);
    // 2001 / 500 is over four times; 3200 / 800 is exactly four: not flagged.
    expect(grown).toEqual([{ value: 3, firstVoxels: 500, refinedVoxels: 2001, ratio: 2001 / 500 }]);
  });

  test('the bounds are a quarter and four times, and exactly a quarter is kept', () => {
    expect(SHRUNK_SHARE).toBe(0.25);
    expect(GROWN_FACTOR).toBe(4);
    expect(refinementChanges([0, 400], [0, 100], [1]).shrunk).toEqual([]);
    expect(refinementChanges([0, 400], [0, 99], [1]).shrunk).toHaveLength(1);
  });

  test('a class with no voxel in either result is left to the missing-class warning; values not asked for are ignored', () => {
    const { shrunk, grown } = refinementChanges([0, 5000, 0, 10], [0, 0, 7000, 1000], [1, 2]);
    expect(shrunk).toEqual([]);
    expect(grown).toEqual([]);
    // Typed arrays (the engine's countLabels) read the same.
    expect(refinementChanges(Uint32Array.of(0, 100), Uint32Array.of(0, 1000), [1]).grown[0].ratio).toBe(10);
  });
});
