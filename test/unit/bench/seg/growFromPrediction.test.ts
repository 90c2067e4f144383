import { erodeLabels, growFromPrediction } from '../../../../bench/seg/baselines/growFromPrediction';
import { fill, geometry } from './grid';

describe('grow from a prediction (bench-only edge-snapping probe)', () => {
  it('erodeLabels keeps a voxel only where its 6 neighbours share its label; the grid edge counts as shared', () => {
    const dims: [number, number, number] = [7, 7, 1];
    // Class 1 a 5x5 square at i, j 1..5 on class 2; one erosion leaves its 3x3 core and class 2 away from the square.
    const labels = fill(new Uint8Array(49), dims, (i, j) => (i >= 1 && i <= 5 && j >= 1 && j <= 5 ? 1 : 2));
    const eroded = erodeLabels(labels, dims, 1);
    fill(new Uint8Array(49), dims, (i, j) => {
      if (i >= 2 && i <= 4 && j >= 2 && j <= 4) return 1;
      const touchesSquare = [[i - 1, j], [i + 1, j], [i, j - 1], [i, j + 1]].some(([a, b]) => a >= 1 && a <= 5 && b >= 1 && b <= 5);
      return i >= 1 && i <= 5 && j >= 1 && j <= 5 ? 0 : touchesSquare ? 0 : 2;
    }).forEach((expected, v) => expect(eroded[v]).toBe(expected));
    expect(Array.from(erodeLabels(labels, dims, 0))).toEqual(Array.from(labels));
  });

  it('moves an over-called boundary back to the intensity edge, and keeps the strokes', () => {
    // 16x16: a bright 6x6 square (i, j 5..10) on a dark field; the prediction calls an 8x8 square (a one-voxel rim).
    const dims: [number, number, number] = [16, 16, 1];
    const inside = (i: number, j: number, lo: number, hi: number) => i >= lo && i <= hi && j >= lo && j <= hi;
    const volume = { ...geometry(dims), channels: [fill(new Float32Array(256), dims, (i, j) => (inside(i, j, 5, 10) ? 100 : 0))] };
    const prediction = { ...geometry(dims), data: fill(new Uint8Array(256), dims, (i, j) => (inside(i, j, 4, 11) ? 1 : 2)) };
    const scribbles = { ...geometry(dims), data: new Uint8Array(256) };
    scribbles.data[7 + 16 * 7] = 1;
    scribbles.data[0] = 2;
    const grown = growFromPrediction(volume, prediction, scribbles, 1);
    fill(new Uint8Array(256), dims, (i, j) => (inside(i, j, 5, 10) ? 1 : 2)).forEach((expected, v) => expect(grown.data[v]).toBe(expected));
    expect(prediction.data[4 + 16 * 4]).toBe(1); // the input is not modified
  });
});
