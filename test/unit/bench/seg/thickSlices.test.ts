import { thickSlices } from '../../../../bench/seg/cases/thickSlices';
import type { CaseSubject } from '../../../../bench/seg/cases/SegCase';
import { fill, geometry } from './grid';

function subject(dims: [number, number, number]): CaseSubject {
  // k runs along −y (a coronal stack), so the slab centre moves the origin along −y.
  const direction: CaseSubject['volume']['direction'] = [1, 0, 0, 0, 0, 1, 0, -1, 0];
  const g = { ...geometry(dims, [0.5, 0.5, 1.5]), origin: [10, 20, 30] as [number, number, number], direction };
  return {
    id: 's',
    volume: { ...g, channels: [fill(new Float32Array(dims[0] * dims[1] * dims[2]), dims, (i, j, k) => 100 * k + i)] },
    truth: { ...g, data: fill(new Uint8Array(dims[0] * dims[1] * dims[2]), dims, (_i, _j, k) => 1 + k) },
    files: [],
    grid: 'whole file',
  };
}

describe('thickSlices', () => {
  it('averages each slab of N slices, keeps the truth of its middle slice, and drops a partial slab', () => {
    const thick = thickSlices(subject([2, 1, 7]), 3);
    expect(thick.volume.dimensions).toEqual([2, 1, 2]);
    // Slab 0 holds slices 0–2 (mean k 1), slab 1 slices 3–5 (mean k 4); slice 6 is dropped.
    expect(Array.from(thick.volume.channels[0])).toEqual([100, 101, 400, 401]);
    expect(Array.from(thick.truth.data)).toEqual([2, 2, 5, 5]);
  });

  it('places the thick grid at the slabs\' centres: k spacing N times, origin moved one slice along the slice normal', () => {
    const thick = thickSlices(subject([2, 1, 6]), 3);
    expect(thick.volume.spacing).toEqual([0.5, 0.5, 4.5]);
    expect(thick.volume.origin[0]).toBeCloseTo(10);
    expect(thick.volume.origin[1]).toBeCloseTo(18.5);
    expect(thick.volume.origin[2]).toBeCloseTo(30);
    expect(thick.truth.spacing).toEqual(thick.volume.spacing);
    expect(thick.truth.origin).toEqual(thick.volume.origin);
    expect(thick.grid).toBe('whole file, slabs of 3 slices along k (2 slices of 4.5 mm)');
  });

  it('refuses an even or too small N, and a volume thinner than one slab', () => {
    expect(() => thickSlices(subject([2, 1, 6]), 2)).toThrow(/odd whole number/);
    expect(() => thickSlices(subject([2, 1, 6]), 1)).toThrow(/odd whole number/);
    expect(() => thickSlices(subject([2, 1, 2]), 3)).toThrow(/only 2 slices/);
  });
});
