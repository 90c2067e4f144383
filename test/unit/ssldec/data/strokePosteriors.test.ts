import { strokePosteriors } from '../../../../src/ssldec/data/strokePosteriors';

// One channel over 120 cells: class 0 stroked on cells 0..9 (value 0.2), class 1 on cells 100..109 (value 0.8), and
// cells 20..39 at 0.5, a look neither class's strokes showed.
const cells = 120;
const means = [Float32Array.from({ length: cells }, (_, c) => (c < 10 ? 0.2 : c >= 100 ? 0.8 : c >= 20 && c < 40 ? 0.5 : 0))];
const strokeCells = [range(0, 10), range(100, 110)];
const unseen = 30;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Nearness 1 on the given cells, 0 elsewhere. */
function near(...ranges: [number, number][]): Float32Array {
  const w = new Float32Array(cells);
  for (const [from, to] of ranges) w.fill(1, from, to);
  return w;
}

describe("the class barrier's look", () => {
  test("from the strokes alone, a look no stroke showed belongs to neither class", () => {
    const p = strokePosteriors(means, strokeCells, cells);
    expect(p[0][unseen]).toBeCloseTo(0.5, 2);
    expect(p[0][0]).toBeGreaterThan(0.99);
    expect(p[1][100]).toBeGreaterThan(0.99);
    for (let c = 0; c < cells; c++) expect(p[0][c] + p[1][c]).toBeCloseTo(1, 5);
  });

  test('adapted, the look of the cells around a class\'s strokes becomes the class\'s, whichever class they surround', () => {
    const aroundClass0 = strokePosteriors(means, strokeCells, cells, { weight: 1, nearness: [near([0, 40]), near([100, 110])] });
    expect(aroundClass0[0][unseen]).toBeGreaterThan(0.9);
    const aroundClass1 = strokePosteriors(means, strokeCells, cells, { weight: 1, nearness: [near([0, 10]), near([20, 40], [100, 110])] });
    expect(aroundClass1[1][unseen]).toBeGreaterThan(0.9);
    // The strokes' own look stays the class's.
    for (const p of [aroundClass0, aroundClass1]) {
      expect(p[0][0]).toBeGreaterThan(0.9);
      expect(p[1][100]).toBeGreaterThan(0.9);
    }
  });

  test('weight 0 is the strokes\' look', () => {
    const plain = strokePosteriors(means, strokeCells, cells);
    const none = strokePosteriors(means, strokeCells, cells, { weight: 0, nearness: [near([0, 40]), near([100, 110])] });
    expect(none).toEqual(plain);
  });
});
