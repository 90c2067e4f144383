import { edgeWeights, pottsCleanup } from '../../../../src/ssldec/infer/pottsCleanup';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';

/** Quantised q for two classes from a per-voxel probability of class 1. */
function twoClassQ(p1: number[]): Uint8Array {
  const q = new Uint8Array(2 * p1.length);
  p1.forEach((p, v) => {
    q[2 * v] = Math.round(255 * p);
    q[2 * v + 1] = Math.round(255 * (1 - p));
  });
  return q;
}

describe('Potts clean-up (ICM on the network\'s q)', () => {
  const dims: Dims = [9, 9, 1];
  const n = 81;
  const flat = Array.from({ length: n }, () => () => 0.5);
  const image = [(v: number) => flat[v]()];

  test('an isolated, unsure voxel takes its neighbours\' class; λ = 0 leaves the argmax as it is', () => {
    const p1 = new Array(n).fill(0.9);
    p1[40] = 0.4; // centre voxel: argmax says class 2, weakly
    const q = twoClassQ(p1);
    const labels = new Uint8Array(n).fill(1);
    labels[40] = 2;
    const w = edgeWeights(image, dims);
    const untouched = labels.slice();
    expect(pottsCleanup(untouched, { k: 2, q }, w, dims, { weight: 0, spacing: [1, 1, 1] })).toEqual([0]);
    expect(untouched[40]).toBe(2);
    const changes = pottsCleanup(labels, { k: 2, q }, w, dims, { weight: 1, spacing: [1, 1, 1] });
    expect(labels[40]).toBe(1);
    expect(changes[0]).toBe(1);
    expect(changes[changes.length - 1]).toBe(0);
  });

  test('scribbled voxels keep their class whatever q says', () => {
    const q = twoClassQ(new Array(n).fill(0.95));
    const labels = new Uint8Array(n).fill(1);
    const fixed = new Uint8Array(n);
    fixed[10] = 2;
    pottsCleanup(labels, { k: 2, q }, edgeWeights(image, dims), dims, { weight: 5, spacing: [1, 1, 1], fixed });
    expect(labels[10]).toBe(2);
    expect(labels.filter((l) => l === 2).length).toBe(1);
  });

  test('a strong intensity edge stops the smoothing: an unsure column on the edge keeps the class of its own side', () => {
    // Left half dark, right half bright; the column i = 5 (bright side) is unsure but leans class 2.
    const values = Array.from({ length: n }, (_, v) => (v % 9 >= 5 ? 1 : 0));
    const edgeImage = [(v: number) => values[v]];
    const p1 = Array.from({ length: n }, (_, v) => (v % 9 < 5 ? 0.9 : v % 9 === 5 ? 0.45 : 0.1));
    const labels = Uint8Array.from(p1, (p) => (p >= 0.5 ? 1 : 2));
    const w = edgeWeights(edgeImage, dims);
    expect(w[0][4]).toBeLessThan(5); // across the edge: near 0
    expect(w[0][0]).toBe(255); // flat: full weight
    pottsCleanup(labels, { k: 2, q: twoClassQ(p1) }, w, dims, { weight: 2, spacing: [1, 1, 1] });
    for (let j = 0; j < 9; j++) expect(labels[5 + 9 * j]).toBe(2);
  });

  test('visiting only the voxels beside a change gives the labels and counts of full ICM sweeps', () => {
    // Full sweeps, as ICM is written: every free voxel takes the label of least cost given its neighbours' labels.
    const fullSweeps = (labels: Uint8Array, q: Uint8Array, k: number, w: Uint8Array[], d: Dims, weight: number, fixed: Uint8Array) => {
      const [nx, ny, nz] = d;
      const strides = [1, nx, nx * ny];
      const coords = (v: number) => [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
      for (let v = 0; v < labels.length; v++) if (fixed[v]) labels[v] = fixed[v];
      const counts: number[] = [];
      for (let sweep = 0; sweep < 5; sweep++) {
        let changed = 0;
        for (let v = 0; v < labels.length; v++) {
          if (fixed[v]) continue;
          const cost = Array.from({ length: k + 1 }, (_, c) => (c ? -Math.log((q[v * k + c - 1] + 0.5) / 256) : Infinity));
          for (let a = 0; a < 3; a++) {
            if (coords(v)[a] < [nx, ny, nz][a] - 1 && w[a][v]) cost[labels[v + strides[a]]] -= (weight / 255) * w[a][v];
            if (coords(v)[a] > 0 && w[a][v - strides[a]]) cost[labels[v - strides[a]]] -= (weight / 255) * w[a][v - strides[a]];
          }
          let best = labels[v];
          for (let c = 1; c <= k; c++) if (cost[c] < cost[best]) best = c;
          if (best !== labels[v]) { labels[v] = best; changed++; }
        }
        counts.push(changed);
        if (changed === 0) break;
      }
      return counts;
    };
    const d: Dims = [11, 9, 7];
    const m = 11 * 9 * 7;
    const k = 3;
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: m }, (_, v) => (v % 11 < 5 ? 0.2 : 0.7) + 0.3 * random());
    const q = Uint8Array.from({ length: m * k }, () => Math.floor(256 * random()));
    const labels = Uint8Array.from({ length: m }, (_, v) => 1 + [0, 1, 2].reduce((b, c) => (q[v * k + c] > q[v * k + b] ? c : b), 0));
    const fixed = Uint8Array.from({ length: m }, () => (random() < 0.02 ? 1 + Math.floor(3 * random()) : 0));
    const w = edgeWeights([(v) => values[v]], d);
    const expected = labels.slice();
    const expectedCounts = fullSweeps(expected, q, k, w, d, 2, fixed);
    expect(expectedCounts[0]).toBeGreaterThan(10); // the check is worth something: the sweeps move many voxels
    expect(pottsCleanup(labels, { k, q }, w, d, { weight: 2, spacing: [1, 1, 1], fixed })).toEqual(expectedCounts);
    expect(labels).toEqual(expected);
  });
});
