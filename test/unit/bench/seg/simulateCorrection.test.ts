import { simulateCorrection } from '../../../../bench/seg/simulateCorrection';
import type { Labelmap } from '../../../../src/volume/Volume';
import { fill, geometry } from './grid';

const dims: [number, number, number] = [48, 48, 12];
const perSlice = 48 * 48;

/** Class 1 left half, class 2 right half, on every slice. */
function truth(): Labelmap {
  return { ...geometry(dims), data: fill(new Uint8Array(48 * 48 * 12), dims, (i) => (i < 24 ? 1 : 2)) };
}

function empty(): Labelmap {
  return { ...geometry(dims), data: new Uint8Array(48 * 48 * 12) };
}

describe('simulateCorrection', () => {
  it('paints the missed class on the slice where the prediction is most wrong, only where it was missed', () => {
    const t = truth();
    // The prediction calls a 12x12 block of class 1 "2" on slice 3 and a 16x16 block on slice 7; the rest is right.
    const wrong = (i: number, j: number, k: number) => (k === 3 && i >= 4 && i < 16 && j >= 4 && j < 16) || (k === 7 && i >= 4 && i < 20 && j >= 20 && j < 36);
    const prediction = { ...geometry(dims), data: fill(new Uint8Array(48 * 48 * 12), dims, (i, j, k) => (wrong(i, j, k) || i >= 24 ? 2 : 1)) };
    const earlier = empty();
    earlier.data[5 * perSlice + 100] = 1;
    const c = simulateCorrection(t, prediction, earlier, { strokesPerClass: 3, seed: 1, classes: [1, 2] });
    expect(c.slice).toBe(7);
    expect(c.voxelsPerClass[1]).toBeGreaterThan(0);
    expect(c.voxelsPerClass[2]).toBe(0);
    let added = 0;
    c.scribbles.data.forEach((s, v) => {
      if (s === 0 || earlier.data[v] !== 0) return;
      added++;
      const [i, j, k] = [v % 48, Math.floor(v / 48) % 48, Math.floor(v / perSlice)];
      expect(k).toBe(7);
      expect(s).toBe(1);
      expect(t.data[v]).toBe(1);
      expect(prediction.data[v]).toBe(2);
      // Inside the missed block, a pixel away from its edge (brush 1 + 1).
      expect(i >= 5 && i < 19 && j >= 21 && j < 35).toBe(true);
    });
    expect(added).toBe(c.voxelsPerClass[1]);
    expect(c.scribbles.data[5 * perSlice + 100]).toBe(1);
    expect(earlier.data.filter((s) => s !== 0)).toHaveLength(1);
  });

  it('adds nothing when every error is a rim too thin to paint', () => {
    const t = truth();
    const prediction = { ...geometry(dims), data: fill(new Uint8Array(48 * 48 * 12), dims, (i) => (i < 25 ? 1 : 2)) };
    const c = simulateCorrection(t, prediction, empty(), { strokesPerClass: 3, seed: 2, classes: [1, 2] });
    expect(c.slice).toBeUndefined();
    expect(c.scribbles.data.every((s) => s === 0)).toBe(true);
  });

  it('strokes the most wrong of the slices it is given, not the most wrong of all', () => {
    const t = truth();
    const wrong = (i: number, j: number, k: number) => (k === 3 && i >= 4 && i < 16 && j >= 4 && j < 16) || (k === 7 && i >= 4 && i < 20 && j >= 20 && j < 36);
    const prediction = { ...geometry(dims), data: fill(new Uint8Array(48 * 48 * 12), dims, (i, j, k) => (wrong(i, j, k) || i >= 24 ? 2 : 1)) };
    const c = simulateCorrection(t, prediction, empty(), { strokesPerClass: 3, seed: 1, classes: [1, 2], slices: [3] });
    expect(c.slice).toBe(3);
    c.scribbles.data.forEach((s, v) => {
      if (s !== 0) expect(Math.floor(v / perSlice)).toBe(3);
    });
    expect(c.voxelsPerClass[1]).toBeGreaterThan(0);
    // A given slice with nothing wide enough to paint gets no strokes.
    expect(simulateCorrection(t, prediction, empty(), { strokesPerClass: 3, seed: 1, classes: [1, 2], slices: [5] }).slice).toBeUndefined();
    // Of two given slices, the one with more to paint (7 is wrong over a wider region than 3).
    expect(simulateCorrection(t, prediction, empty(), { strokesPerClass: 3, seed: 1, classes: [1, 2], slices: [3, 7] }).slice).toBe(7);
    expect(simulateCorrection(t, prediction, empty(), { strokesPerClass: 3, seed: 1, classes: [1, 2], slices: [3, 5] }).slice).toBe(3);
  });
});
