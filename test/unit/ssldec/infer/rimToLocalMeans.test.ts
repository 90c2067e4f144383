import { rimToLocalMeans } from '../../../../src/ssldec/infer/rimToLocalMeans';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';
import { grid } from '../../../helpers/grid';

describe('boundary voxels given to the nearer local mean', () => {
  // 12x6x3: dark tissue (0.2) for i <= 5, bright (1) for i >= 6; the voxels beside the edge are partial-volume mixes,
  // i = 5 mostly dark (0.35), i = 6 mostly bright (0.8).
  const dims: Dims = [12, 6, 3];
  const n = 12 * 6 * 3;
  const value = (i: number) => (i === 5 ? 0.35 : i === 6 ? 0.8 : i < 5 ? 0.2 : 1);
  const image = grid(new Float32Array(n), dims, value);
  const read = [(v: number) => image[v]];

  test('a class called one voxel too wide gives its rim back to the tissue the rim resembles', () => {
    // The prediction calls the bright class from i >= 5: the mostly dark voxels at i = 5 are a column too many.
    const labels = grid(new Uint8Array(n), dims, (i) => (i >= 5 ? 2 : 1));
    const changed = rimToLocalMeans(labels, read, dims, 2, 2);
    grid(new Uint8Array(n), dims, (i) => (i >= 6 ? 2 : 1)).forEach((expected, v) => expect(labels[v]).toBe(expected));
    expect(changed.length).toBe(6 * 3);
    // Once there, the boundary stays: each side's rim is nearer its own local mean.
    expect(rimToLocalMeans(labels, read, dims, 2, 2)).toEqual([]);
  });

  test('scribbles keep their class; radius 0 changes nothing', () => {
    const labels = grid(new Uint8Array(n), dims, (i) => (i >= 5 ? 2 : 1));
    const fixed = grid(new Uint8Array(n), dims, (i, j) => (i === 5 && j === 2 ? 2 : 0));
    const copy = labels.slice();
    expect(rimToLocalMeans(copy, read, dims, 0, 2)).toEqual([]);
    expect(copy).toEqual(labels);
    rimToLocalMeans(labels, read, dims, 2, 2, fixed);
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 6; j++) expect(labels[5 + 12 * j + 72 * k]).toBe(j === 2 ? 2 : 1);
    }
  });

  test("a small object keeps its voxels; a neighbour's class too sparse in the window is no candidate", () => {
    // A 2x2x1 object (class 3, 0.6; one voxel of it 0.9) in dark tissue (class 1, 0), and beside that voxel a single
    // voxel of a third class (class 2) that looks like it (0.9).
    const d: Dims = [12, 12, 3];
    const m = 12 * 12 * 3;
    const inObject = (i: number, j: number, k: number) => i >= 5 && i <= 6 && j >= 5 && j <= 6 && k === 1;
    const img = grid(new Float32Array(m), d, (i, j, k) => ((i === 6 || i === 7) && j === 5 && k === 1 ? 0.9 : inObject(i, j, k) ? 0.6 : 0));
    const labels = grid(new Uint8Array(m), d, (i, j, k) => (inObject(i, j, k) ? 3 : i === 7 && j === 5 && k === 1 ? 2 : 1));
    rimToLocalMeans(labels, [(v) => img[v]], d, 2, 3);
    // The object (4 voxels, under 5 % of the 5x5x5 window) stays: its own mean is its look.
    for (const [i, j] of [[5, 5], [5, 6], [6, 5], [6, 6]]) expect(labels[i + 12 * j + 144]).toBe(3);
    // The single class-2 voxel is not a candidate for the object's voxel beside it, though it looks the same.
    expect(labels[6 + 12 * 5 + 144]).toBe(3);
  });

  test('the sliding window gives what each voxel\'s own window of local means gives', () => {
    // Directly: for each boundary voxel, the candidates' mean values over the 5x5x5 voxels around it.
    const d: Dims = [9, 8, 10];
    const m = 9 * 8 * 10;
    const [k, r] = [3, 2];
    let state = 99;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const img = [Float32Array.from({ length: m }, () => random()), Float32Array.from({ length: m }, () => random())];
    const labels = Uint8Array.from({ length: m }, (_, v) => 1 + Math.min(2, Math.floor((v % 9) / 3 + random())));
    const coords = (v: number) => [v % 9, Math.floor(v / 9) % 8, Math.floor(v / 72)];
    const expected = labels.slice();
    for (let v = 0; v < m; v++) {
      const [i, j, z] = coords(v);
      const neighbours = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]
        .map(([a, b, c]) => [i + a, j + b, z + c]).filter(([a, b, c]) => a >= 0 && a < 9 && b >= 0 && b < 8 && c >= 0 && c < 10)
        .map(([a, b, c]) => labels[a + 9 * b + 72 * c]);
      if (neighbours.every((l) => l === labels[v])) continue;
      const sums = Array.from({ length: k + 1 }, () => [0, 0, 0]); // count, then each channel's sum
      for (let w = 0; w < m; w++) {
        const [a, b, c] = coords(w);
        if (Math.abs(a - i) > r || Math.abs(b - j) > r || Math.abs(c - z) > r) continue;
        sums[labels[w]][0]++;
        sums[labels[w]][1] += img[0][w];
        sums[labels[w]][2] += img[1][w];
      }
      const distance = (l: number) => (img[0][v] - sums[l][1] / sums[l][0]) ** 2 + (img[1][v] - sums[l][2] / sums[l][0]) ** 2;
      let best = labels[v];
      for (const l of new Set(neighbours.filter((l) => l !== labels[v]).sort())) {
        if (sums[l][0] >= 0.05 * 125 && distance(l) < distance(best) - 1e-9) best = l;
      }
      expected[v] = best;
    }
    const changed = rimToLocalMeans(labels, img.map((ch) => (v: number) => ch[v]), d, r, k);
    expect(changed.length).toBeGreaterThan(10);
    expect(labels).toEqual(expected);
  });
});
