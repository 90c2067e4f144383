import { simulateScribbles } from '../../../../bench/seg/simulateScribbles';
import type { Labelmap } from '../../../../src/volume/Volume';
import { fill, geometry } from './grid';

/** 48×48×30: class 1 left half, 2 right half, and a 16×16 square of class 3 only on slices 20..24. */
function truth(): Labelmap {
  const dims: [number, number, number] = [48, 48, 30];
  const data = fill(new Uint8Array(48 * 48 * 30), dims, (i, j, k) => (k >= 20 && k <= 24 && i >= 16 && i < 32 && j >= 16 && j < 32 ? 3 : i < 24 ? 1 : 2));
  return { ...geometry(dims), data };
}

describe('simulateScribbles', () => {
  it('picks only slices where every scribbled class appears, and strokes each class on each of them', () => {
    const t = truth();
    for (const seed of [1, 2, 3]) {
      const sim = simulateScribbles(t, { slices: 3, strokesPerClass: 3, seed, truthClasses: [1, 2, 3] });
      expect(sim.slices).toHaveLength(3);
      for (const k of sim.slices) expect(k).toBeGreaterThanOrEqual(20);
      for (const k of sim.slices) expect(k).toBeLessThanOrEqual(24);
      const perSlice = 48 * 48;
      for (const k of sim.slices) {
        const values = new Set(sim.scribbles.data.subarray(k * perSlice, (k + 1) * perSlice));
        expect([...values].sort()).toEqual([0, 1, 2, 3]);
      }
      expect(sim.strokesPerClass).toEqual({ 1: 9, 2: 9, 3: 9 });
    }
  });

  it('draws strokes only inside their true class and nowhere off the chosen slices', () => {
    const t = truth();
    const sim = simulateScribbles(t, { slices: 3, strokesPerClass: 5, seed: 4, truthClasses: [1, 2, 3] });
    const perSlice = 48 * 48;
    let labelled = 0;
    sim.scribbles.data.forEach((s, v) => {
      if (s === 0) return;
      labelled++;
      expect(s).toBe(t.data[v]);
      expect(sim.slices).toContain(Math.floor(v / perSlice));
    });
    expect(labelled).toBe(sim.labelledVoxels);
    expect(labelled).toBeGreaterThan(0);
  });

  it('uses every candidate slice when fewer show all classes than asked for, and is repeatable per seed', () => {
    const t = truth();
    const many = simulateScribbles(t, { slices: 8, strokesPerClass: 2, seed: 7, truthClasses: [1, 2, 3] });
    expect(many.slices).toEqual([20, 21, 22, 23, 24]);
    const again = simulateScribbles(t, { slices: 8, strokesPerClass: 2, seed: 7, truthClasses: [1, 2, 3] });
    expect(Buffer.from(again.scribbles.data).equals(Buffer.from(many.scribbles.data))).toBe(true);
  });

  it('with fill paints every pixel of the same slices with its class, and nothing else', () => {
    const t = truth();
    const strokes = simulateScribbles(t, { slices: 3, strokesPerClass: 3, seed: 5, truthClasses: [1, 3] });
    const filled = simulateScribbles(t, { slices: 3, strokesPerClass: 3, fill: true, seed: 5, truthClasses: [1, 3] });
    expect(filled.slices).toEqual(strokes.slices);
    const perSlice = 48 * 48;
    filled.scribbles.data.forEach((s, v) => {
      const onSlice = filled.slices.includes(Math.floor(v / perSlice));
      // Class 2 is not scribbled, so its pixels stay unlabelled.
      expect(s).toBe(onSlice && t.data[v] !== 2 ? t.data[v] : 0);
    });
    // Per slice: class 1 is the left half less the square's left half (24·48 − 8·16), class 3 the square.
    expect(filled.voxelsPerClass).toEqual({ 1: 3 * 1024, 3: 3 * 256 });
    expect(filled.strokesPerClass).toEqual({ 1: 3, 3: 3 });
    expect(filled.labelledVoxels).toBe(3 * 1280);
  });

  it('with catchAllNear strokes the catch-all only near the other classes, and draws every other stroke as usual', () => {
    const t = truth();
    const perSlice = 48 * 48;
    // Chebyshev distance from pixel v of its slice to the nearest pixel of class 2 or 3 there.
    const distanceToObjects = (v: number) => {
      const k = Math.floor(v / perSlice), i = v % 48, j = Math.floor((v % perSlice) / 48);
      let best = Infinity;
      for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) {
        if (t.data[k * perSlice + x + y * 48] !== 1) best = Math.min(best, Math.max(Math.abs(x - i), Math.abs(y - j)));
      }
      return best;
    };
    let farUsual = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const usual = simulateScribbles(t, { slices: 3, strokesPerClass: 3, seed, truthClasses: [1, 2, 3] });
      const near = simulateScribbles(t, { slices: 3, strokesPerClass: 3, seed, truthClasses: [1, 2, 3], catchAllNear: { values: [1], radius: 3 } });
      expect(near.slices).toEqual(usual.slices);
      near.scribbles.data.forEach((s, v) => {
        if (s === 1) expect(distanceToObjects(v)).toBeLessThanOrEqual(3 + 1); // the centre line within 3, the brush 1 more
        if (s === 2 || s === 3 || usual.scribbles.data[v] === 2 || usual.scribbles.data[v] === 3) expect(s).toBe(usual.scribbles.data[v]);
      });
      expect(near.strokesPerClass).toEqual(usual.strokesPerClass);
      expect(near.voxelsPerClass[1]).toBeGreaterThan(0);
      usual.scribbles.data.forEach((s, v) => { if (s === 1 && distanceToObjects(v) > 3 + 1) farUsual++; });
    }
    // The usual protocol does stroke the catch-all farther away, so the option changes what it claims to.
    expect(farUsual).toBeGreaterThan(0);
  });
});
