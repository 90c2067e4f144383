import { leastConfidentSlice, scribbledSlices } from '../../../../src/ssldec';

const dims = [48, 48, 12];
const perSlice = 48 * 48;

describe('leastConfidentSlice', () => {
  const confidence = new Float32Array(perSlice * 12).fill(0.95);
  for (let p = 0; p < 100; p++) confidence[4 * perSlice + p] = 0.4; // slice 4: 100 voxels at 0.4
  for (let p = 0; p < 300; p++) confidence[9 * perSlice + p] = 0.6; // slice 9: 300 voxels at 0.6 (more doubt in all)

  it('finds the slice with the most doubt in all, and counts its unsure voxels', () => {
    expect(leastConfidentSlice(confidence, dims, [])).toEqual({ slice: 9, unsureVoxels: 300 });
    expect(leastConfidentSlice(confidence, dims, [], 0.5)).toEqual({ slice: 9, unsureVoxels: 0 });
  });

  it('skips the scribbled slices, unless every slice is scribbled', () => {
    expect(leastConfidentSlice(confidence, dims, [9])).toEqual({ slice: 4, unsureVoxels: 100 });
    expect(leastConfidentSlice(confidence, dims, Array.from({ length: 12 }, (_, k) => k)).slice).toBe(9);
  });
});

test('scribbledSlices lists the slices holding a label, in order', () => {
  const labels = new Uint8Array(perSlice * 12);
  labels[7 * perSlice + 5] = 2;
  labels[2 * perSlice + perSlice - 1] = 1;
  labels[7 * perSlice + 9] = 1;
  expect(scribbledSlices(labels, dims)).toEqual([2, 7]);
  expect(scribbledSlices(new Uint8Array(perSlice * 12), dims)).toEqual([]);
});
