import { appearanceBound, binsFor } from '../../../../bench/seg/appearanceBound';

describe('appearanceBound', () => {
  it('recovers a truth that the feature separates', () => {
    // Class 1 at intensities 0..49, class 2 at 50..99: no bin holds both.
    const feature = Float32Array.from({ length: 1000 }, (_, v) => v % 100);
    const truth = Uint8Array.from(feature, (x) => (x < 50 ? 1 : 2));
    expect(appearanceBound([feature], truth, 100, [1, 2])).toEqual({ 1: 1, 2: 1 });
  });

  it('bounds look-alike classes by calling the whole bin each class', () => {
    // One intensity for all, 300 voxels of class 1 and 700 of class 3: the best call of either is every voxel.
    const feature = new Float32Array(1000).fill(7);
    const truth = Uint8Array.from({ length: 1000 }, (_, v) => (v < 300 ? 1 : 3));
    const bound = appearanceBound([feature], truth, 16, [1, 3]);
    expect(bound[1]).toBeCloseTo((2 * 300) / (1000 + 300), 12);
    expect(bound[3]).toBeCloseTo((2 * 700) / (1000 + 700), 12);
  });

  it('calls a class only the bins where it is common enough to raise its Dice', () => {
    // Bin A: 90 of class 1, 10 of class 2; bin B: 10 of class 1, 890 of class 2. Class 1 is best called on A only:
    // 2·90 / (100 + 100) = 0.9 (calling A and B: 2·100 / (1000 + 100) = 0.18).
    const feature = Float32Array.from({ length: 1000 }, (_, v) => (v < 100 ? 0 : 1));
    const truth = Uint8Array.from({ length: 1000 }, (_, v) => (v < 90 || (v >= 100 && v < 110) ? 1 : 2));
    const bound = appearanceBound([feature], truth, 2, [1, 2, 3]);
    expect(bound[1]).toBeCloseTo(0.9, 12);
    expect(bound[2]).toBeCloseTo((2 * 890) / (900 + 900), 12);
    expect(bound[3]).toBeNaN();
  });

  it('separates classes that only a second feature tells apart', () => {
    const n = 2000;
    const intensity = new Float32Array(n).fill(1);
    const context = Float32Array.from({ length: n }, (_, v) => (v < n / 2 ? 0 : 10));
    const truth = Uint8Array.from({ length: n }, (_, v) => (v < n / 2 ? 1 : 2));
    expect(appearanceBound([intensity], truth, 16, [1, 2])[1]).toBeCloseTo(2 / 3, 12);
    expect(appearanceBound([intensity, context], truth, 16, [1, 2])).toEqual({ 1: 1, 2: 1 });
  });

  it('refuses a feature of another size, and no features', () => {
    expect(() => appearanceBound([new Float32Array(9)], new Uint8Array(10), 8, [1])).toThrow(/9 voxels, the truth 10/);
    expect(() => appearanceBound([], new Uint8Array(10), 8, [1])).toThrow(/at least one feature/);
  });
});

describe('binsFor', () => {
  it('caps bins at 128 and keeps about 16 voxels a bin with more features', () => {
    expect(binsFor(3_600_000, 1)).toBe(128);
    expect(binsFor(3_600_000, 2)).toBe(128);
    expect(binsFor(3_900_000, 4)).toBe(22);
    expect(binsFor(10, 3)).toBe(2);
  });
});
