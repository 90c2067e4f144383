import { mostChangedSlice, offersMovedSlice } from '../../../../src/ssldec';

const dims = [16, 16, 6];
const perSlice = 16 * 16;

describe('mostChangedSlice', () => {
  const first = new Uint8Array(perSlice * 6).fill(1);
  const final = first.slice();
  for (let p = 0; p < 40; p++) final[1 * perSlice + p] = 2; // slice 1: 40 voxels moved
  for (let p = 0; p < 90; p++) final[4 * perSlice + p] = 3; // slice 4: 90 voxels moved

  it('finds the slice where the two predictions differ in the most voxels, and counts them', () => {
    expect(mostChangedSlice(first, final, dims, [])).toEqual({ slice: 4, changedVoxels: 90 });
  });

  it('skips the scribbled slices, unless every slice is scribbled', () => {
    expect(mostChangedSlice(first, final, dims, [4])).toEqual({ slice: 1, changedVoxels: 40 });
    expect(mostChangedSlice(first, final, dims, [0, 1, 2, 3, 4, 5]).slice).toBe(4);
  });

  it('gives the first unscribbled slice, with no changed voxel, when nothing moved', () => {
    expect(mostChangedSlice(first, first, dims, [0, 2])).toEqual({ slice: 1, changedVoxels: 0 });
  });

  it('refuses labelmaps of different sizes', () => {
    expect(() => mostChangedSlice(first, first.subarray(1), dims, [])).toThrow(/voxels/);
  });

  it('offers the moved slice beside the doubted one only when something changed there, on another slice', () => {
    expect(offersMovedSlice({ slice: 4, changedVoxels: 90 }, 1)).toBe(true);
    expect(offersMovedSlice({ slice: 4, changedVoxels: 90 }, undefined)).toBe(true);
    expect(offersMovedSlice({ slice: 4, changedVoxels: 90 }, 4)).toBe(false);
    expect(offersMovedSlice({ slice: 1, changedVoxels: 0 }, 4)).toBe(false);
  });
});
