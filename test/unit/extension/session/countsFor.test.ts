import { countsFor } from '../../../../extension/session/PredictionLayer';

describe('countsFor', () => {
  it('counts voxels per value from 0 to the largest class value, gaps included, with the engine counter', () => {
    // Classes 1 and 3 (2 was removed); a stray value above them is not a class and is left out.
    expect(countsFor(new Uint8Array([0, 1, 3, 3, 0, 9]), [1, 3])).toEqual([2, 1, 0, 2]);
    expect(countsFor(new Uint8Array([0, 0]), [])).toEqual([2]);
  });
});
