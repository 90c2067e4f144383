import {
  computeGeodesicFeatures, cutLargeStrokes, labelStrokes, MAX_STROKE_MM, PIECE_MM, splitLoneStrokes, strokeSliceAxis,
  writeGeodesic, writeGeodesicDistances, type GeodesicFeatures,
} from '../../../../src/ssldec/data/geodesicFeatures';
import { twoNearestSources } from '../../../../src/ssldec/data/geodesicDistances';
import { trilinearAxes } from '../../../../src/ssldec/data/trilinearAxes';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';

describe('geodesic distance inputs', () => {
  test('labelStrokes: one id per connected stroke of a class, touching strokes of two classes stay apart', () => {
    const dims: Dims = [6, 3, 1];
    // Row 0: class 1 at i 0..1 (stroke A), class 2 at i 2 (touches A), class 1 at i 4..5 (stroke B).
    const s = new Uint8Array(18);
    s.set([1, 1, 2, 0, 1, 1], 0);
    const strokes = labelStrokes(s, dims);
    expect(strokes.size).toBe(5);
    expect(strokes.get(0)).toBe(strokes.get(1));
    expect(new Set([strokes.get(0), strokes.get(2), strokes.get(4)]).size).toBe(3);
    expect(strokes.get(4)).toBe(strokes.get(5));
  });

  test('splitLoneStrokes: a class drawn as one stroke is cut in two along its longest extent; others are kept', () => {
    const dims: Dims = [8, 4, 1];
    // Class 1: one horizontal stroke, i 0..5 on rows 0..1. Class 2: two strokes (i 7 on row 0, i 7 on row 3).
    const s = new Uint8Array(32);
    for (let j = 0; j < 2; j++) for (let i = 0; i < 6; i++) s[i + 8 * j] = 1;
    s[7] = 2;
    s[7 + 24] = 2;
    const strokes = splitLoneStrokes(labelStrokes(s, dims), s, dims);
    const left = strokes.get(0)!;
    const right = strokes.get(5)!;
    expect(left).not.toBe(right);
    // Cut at the median column (i 3): i 0..2 on one side, i 3..5 on the other, both rows alike.
    for (let j = 0; j < 2; j++) for (let i = 0; i < 6; i++) expect(strokes.get(i + 8 * j)).toBe(i < 3 ? left : right);
    // Class 2 already has two strokes: untouched.
    expect(strokes.get(7)).not.toBe(strokes.get(31));
    expect(new Set([strokes.get(7), strokes.get(31)]).has(left)).toBe(false);
  });

  test('splitLoneStrokes: a class drawn as two strokes has each cut in two; a class with three keeps them', () => {
    // 20 x 3 x 1. Class 1: two strokes far apart, i 0..3 and i 16..19 on row 0 (left and right of a brain).
    // Class 2: three strokes of two voxels each on row 2 (i 0..1, 8..9, 16..17).
    const dims: Dims = [20, 3, 1];
    const s = new Uint8Array(60);
    for (const i of [0, 1, 2, 3, 16, 17, 18, 19]) s[i] = 1;
    for (const i of [0, 1, 8, 9, 16, 17]) s[i + 40] = 2;
    const strokes = splitLoneStrokes(labelStrokes(s, dims), s, dims);
    // Each class-1 stroke is now two halves (i 0..1 | 2..3, i 16..17 | 18..19): four ids, none shared.
    const ids = [0, 2, 16, 18].map((i) => strokes.get(i));
    expect(new Set(ids).size).toBe(4);
    for (const [a, b] of [[0, 1], [2, 3], [16, 17], [18, 19]]) expect(strokes.get(a)).toBe(strokes.get(b));
    // Class 2 had three strokes: untouched, three ids.
    expect(new Set([40, 41, 48, 49, 56, 57].map((v) => strokes.get(v))).size).toBe(3);
    expect(strokes.get(40)).toBe(strokes.get(41));
  });

  test('twoNearestSources on a line: nearest source, its distance, and the distance to the other source', () => {
    const dims: Dims = [10, 1, 1];
    const r = twoNearestSources(10, dims, new Map([[0, 1], [9, 2]]), () => 1);
    expect(Array.from(r.nearest)).toEqual([0, 1, 2, 3, 4, 4, 3, 2, 1, 0]);
    expect(Array.from(r.nearestStroke)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(Array.from(r.second)).toEqual([9, 8, 7, 6, 5, 5, 6, 7, 8, 9]);
  });

  test('twoNearestSources on a random grid: per cell the least and the least-other-source of one Dijkstra per source', () => {
    const dims: Dims = [6, 5, 4];
    const n = 6 * 5 * 4;
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const height = Float64Array.from({ length: n }, () => rand());
    const cost = (a: number, b: number) => Math.abs(height[a] - height[b]) + 0.05;
    const neighbours = (c: number) => {
      const [i, j, k] = [c % 6, Math.floor(c / 6) % 5, Math.floor(c / 30)];
      return [[i > 0, -1], [i < 5, 1], [j > 0, -6], [j < 4, 6], [k > 0, -30], [k < 3, 30]].filter(([ok]) => ok).map(([, d]) => c + (d as number));
    };
    // Several cells per source, as a stroke covers several coarse cells.
    const seeds = new Map([[0, 1], [1, 1], [59, 2], [60, 3], [119, 3], [33, 2]]);
    const single = (source: number) => {
      const d = new Float64Array(n).fill(Infinity);
      for (const [c, s] of seeds) if (s === source) d[c] = 0;
      for (let changed = true; changed;) {
        changed = false;
        for (let c = 0; c < n; c++) for (const w of neighbours(c)) if (d[c] + cost(c, w) < d[w]) { d[w] = d[c] + cost(c, w); changed = true; }
      }
      return d;
    };
    const bySource = [1, 2, 3].map(single);
    const r = twoNearestSources(n, dims, seeds, (a, b) => cost(a, b));
    for (let c = 0; c < n; c++) {
      const order = [0, 1, 2].sort((a, b) => bySource[a][c] - bySource[b][c]);
      expect(r.nearest[c]).toBeCloseTo(bySource[order[0]][c], 5);
      expect(r.nearestStroke[c]).toBe(order[0] + 1);
      expect(r.second[c]).toBeCloseTo(bySource[order[1]][c], 5);
    }
  });

  test('through flat tissue a path costs the length term per mm (0.01 unless the model sets its own)', () => {
    const dims: Dims = [40, 1, 1];
    const flat = new Float32Array(40);
    const scribbles = new Uint8Array(40);
    scribbles[0] = 1;
    scribbles[39] = 2;
    const usual = computeGeodesicFeatures(1, (_c, v) => flat[v], dims, [1, 1, 1], scribbles, 2, false);
    const half = computeGeodesicFeatures(1, (_c, v) => flat[v], dims, [1, 1, 1], scribbles, 2, false, 0.005);
    // Cells of 2 mm: cell 10 lies 20 mm from the class-1 stroke's cell.
    expect(usual.block).toEqual([2, 1, 1]);
    expect(usual.classes[0].nearest[10]).toBeCloseTo(0.2, 6);
    expect(half.classes[0].nearest[10]).toBeCloseTo(0.1, 6);
  });

  test('strokeSliceAxis: the axis the strokes were painted across, or -1 when no axis is clearly so', () => {
    const dims: Dims = [8, 8, 8];
    const at = (i: number, j: number, k: number) => i + 8 * j + 64 * k;
    // 2 x 3 in-plane patches of two classes on slices k 1 and 5 (no two on adjacent slices).
    const onK = new Uint8Array(512);
    for (const [k, cls] of [[1, 1], [5, 2]]) for (let j = 2; j < 4; j++) for (let i = 2; i < 5; i++) onK[at(i, j, k)] = cls;
    expect(strokeSliceAxis(onK, dims)).toBe(2);
    // The same strokes painted on a sagittal view: slices of i.
    const onI = new Uint8Array(512);
    for (const [i, cls] of [[1, 1], [5, 2]]) for (let k = 2; k < 4; k++) for (let j = 2; j < 5; j++) onI[at(i, j, k)] = cls;
    expect(strokeSliceAxis(onI, dims)).toBe(0);
    // Both views at once: no axis.
    const both = onK.map((c, v) => c || onI[v]);
    expect(strokeSliceAxis(both, dims)).toBe(-1);
    // Dots, or lines along one axis only, say nothing about the view.
    const dots = new Uint8Array(512);
    dots[at(1, 1, 1)] = 1;
    dots[at(5, 5, 5)] = 2;
    expect(strokeSliceAxis(dots, dims)).toBe(-1);
    const line = new Uint8Array(512);
    for (let i = 1; i < 7; i++) line[at(i, 3, 3)] = 1;
    expect(strokeSliceAxis(line, dims)).toBe(-1);
    // Strokes of one class on adjacent slices that overlap at one spot still read as painted across k.
    const overlap = new Uint8Array(512);
    for (let j = 1; j < 7; j++) for (let i = 1; i < 7; i++) overlap[at(i, j, 1)] = 1;
    overlap[at(1, 1, 2)] = overlap[at(2, 1, 2)] = 1; // 2 pairs across k against 30 along i and along j
    expect(strokeSliceAxis(overlap, dims)).toBe(2);
  });

  test('slice axis factor: a step across the strokes\' slices pays φ times the length term; in-plane steps pay it all', () => {
    // Flat 6 x 6 x 40 at 1 mm (cells of 2 voxels): a class-1 patch on slice 0, a class-2 patch on slice 39.
    const dims: Dims = [6, 6, 40];
    const flat = () => 0;
    const scribbles = new Uint8Array(6 * 6 * 40);
    for (let j = 0; j < 2; j++) for (let i = 0; i < 2; i++) {
      scribbles[i + 6 * j] = 1;
      scribbles[i + 6 * j + 36 * 39] = 2;
    }
    const full = computeGeodesicFeatures(1, flat, dims, [1, 1, 1], scribbles, 2, false, 0.01, 0, 1);
    const half = computeGeodesicFeatures(1, flat, dims, [1, 1, 1], scribbles, 2, false, 0.01, 0, 0.5);
    expect(full.block).toEqual([2, 2, 2]);
    const cell = (ci: number, cj: number, ck: number) => ci + 3 * cj + 9 * ck;
    // Ten cells (20 mm) across slices from the class-1 patch: 0.2 at φ 1, 0.1 at φ 0.5.
    expect(full.classes[0].nearest[cell(0, 0, 10)]).toBeCloseTo(0.2, 6);
    expect(half.classes[0].nearest[cell(0, 0, 10)]).toBeCloseTo(0.1, 6);
    // Two cells (4 mm) in-plane: 0.04 either way.
    expect(half.classes[0].nearest[cell(2, 0, 0)]).toBeCloseTo(0.04, 6);
    expect(full.classes[0].nearest[cell(2, 0, 0)]).toBeCloseTo(0.04, 6);
    // Strokes that lie on slices of no single axis keep the same length term everywhere.
    const blob = scribbles.slice();
    blob[36] = 1; // (0, 0, 1): the class-1 patch now spans two slices
    blob[37] = 1;
    blob[42] = 1;
    blob[43] = 1;
    const blobHalf = computeGeodesicFeatures(1, flat, dims, [1, 1, 1], blob, 2, false, 0.01, 0, 0.5);
    expect(blobHalf.classes[0].nearest[cell(0, 0, 10)]).toBeCloseTo(0.2, 6);
  });

  test('class barrier: crossing what does not look like the class costs β each way; the prior keeps the plain measure', () => {
    // 60 x 1 x 1 at 1 mm (cells of 2 voxels). A bright "vertebra" (0.8) with class-1 strokes, a "disc" (0.6, voxels
    // 28..31), the next bright "vertebra" without strokes (32..51), then soft tissue (0.6) with class-2 strokes.
    const dims: Dims = [60, 1, 1];
    const image = Float32Array.from({ length: 60 }, (_, v) => ((v >= 28 && v < 32) || v >= 52 ? 0.6 : 0.8));
    const scribbles = new Uint8Array(60);
    for (let v = 2; v < 10; v++) scribbles[v] = 1;
    for (let v = 54; v < 60; v++) scribbles[v] = 2;
    const read = (_c: number, v: number) => image[v];
    const plain = computeGeodesicFeatures(1, read, dims, [1, 1, 1], scribbles, 2, false);
    const barred = computeGeodesicFeatures(1, read, dims, [1, 1, 1], scribbles, 2, false, 0.01, 1);
    const nextVertebra = 20; // cell of voxels 40..41
    // Plain: two steps of 0.2 across the disc plus the length term; the barrier adds about 1 per crossing.
    expect(plain.classes[0].nearest[nextVertebra]).toBeCloseTo(0.4 + 0.01 * 2 * 16, 4); // from the stroke's last cell, 4
    expect(barred.classes[0].nearest[nextVertebra] - plain.classes[0].nearest[nextVertebra]).toBeGreaterThan(1.9);
    expect(barred.classes[0].nearest[nextVertebra] - plain.classes[0].nearest[nextVertebra]).toBeLessThan(2.01);
    // Within the stroked vertebra nothing changes look, so nothing changes.
    expect(barred.classes[0].nearest[10]).toBeCloseTo(plain.classes[0].nearest[10], 6);
    // The prior reads the plain measure; without a barrier there is no second one.
    expect(barred.forPrior?.classes[0].nearest).toEqual(plain.classes[0].nearest);
    expect(barred.forPrior?.scale).toBe(plain.scale);
    expect(plain.forPrior).toBeUndefined();
  });

  test('an intensity edge lengthens the path: the far side of an edge is geodesically farther', () => {
    const dims: Dims = [20, 4, 1];
    const image = new Float32Array(80);
    for (let v = 0; v < 80; v++) image[v] = v % 20 >= 10 ? 1 : 0;
    const scribbles = new Uint8Array(80);
    scribbles[1 + 20] = 1;
    scribbles[18 + 20] = 2;
    const g = computeGeodesicFeatures(1, (_c, v) => image[v], dims, [1, 1, 1], scribbles, 2, false);
    const out = new Float32Array(2);
    // Voxel 6 (dark side): 5 voxels from the class-1 stroke, 12 from class 2 and across the edge; 13 mirrors it.
    writeGeodesic(g, 6, 1, 0, 6 + 20, out, 0);
    expect(out[0]).toBeGreaterThan(0.3);
    expect(out[1]).toBeLessThan(out[0] / 10);
    writeGeodesic(g, 13, 1, 0, 13 + 20, out, 0);
    expect(out[1]).toBeGreaterThan(0.3);
    expect(out[0]).toBeLessThan(out[1] / 10);
  });

  test('a voxel reads its cells\' distances trilinearly: the cell at its centre, a blend between centres, the outer cell beyond', () => {
    // Fine grid 8x4x2 in cells of 2x2x2 voxels: 4x2x1 cells, cell (ci, cj) holding 10·ci + cj.
    const dims: Dims = [8, 4, 2];
    const block: [number, number, number] = [2, 2, 2];
    const cdims: Dims = [4, 2, 1];
    const nearest = Float32Array.from({ length: 8 }, (_, c) => 10 * (c % 4) + Math.floor(c / 4));
    const g: GeodesicFeatures = {
      coarseDims: cdims, block, axes: trilinearAxes(dims, block, cdims), scale: 1,
      classes: [{ nearest, nearestStroke: new Int32Array(8), second: nearest }],
    };
    const at = (i: number, j: number, k: number) => {
      const out = new Float64Array(1);
      writeGeodesicDistances(g, i, j, k, i + 8 * j + 32 * k, out, 0);
      return out[0];
    };
    // Cell centres lie at fine coordinates 0.5, 2.5, 4.5, 6.5: voxel 1 is a quarter of the way from cell 0's centre to
    // cell 1's, voxel 3 from cell 1's to cell 2's; before the first centre and after the last, the outer cell.
    expect(at(0, 0, 0)).toBe(0);
    expect(at(1, 0, 0)).toBeCloseTo(2.5, 6);
    expect(at(3, 0, 0)).toBeCloseTo(12.5, 6);
    expect(at(7, 0, 0)).toBe(30);
    // Along j between the two cell rows, and k (one cell) changes nothing.
    expect(at(3, 1, 0)).toBeCloseTo(12.5 + 0.25, 6);
    expect(at(3, 2, 1)).toBeCloseTo(12.5 + 0.75, 6);
    expect(at(7, 3, 1)).toBe(31);
  });

  test('scribble dropout: a training source gives a scribbled voxel its distance to the other strokes of its class', () => {
    const dims: Dims = [30, 1, 1];
    const image = new Float32Array(30);
    const scribbles = new Uint8Array(30);
    scribbles[2] = 1; // stroke A of class 1
    scribbles[20] = 1; // stroke B of class 1
    scribbles[27] = 2;
    const train = computeGeodesicFeatures(1, (_c, v) => image[v], dims, [1, 1, 1], scribbles, 2, true);
    const infer = computeGeodesicFeatures(1, (_c, v) => image[v], dims, [1, 1, 1], scribbles, 2, false);
    const atTrain = new Float32Array(2);
    const atInfer = new Float32Array(2);
    writeGeodesic(train, 2, 0, 0, 2, atTrain, 0);
    writeGeodesic(infer, 2, 0, 0, 2, atInfer, 0);
    // At inference the voxel sits on its stroke (distance ~0: input ~1); in training it reads stroke B, 18 voxels away.
    expect(atInfer[0]).toBeGreaterThan(0.7);
    expect(atTrain[0]).toBeLessThan(atInfer[0] / 2);
    expect(atTrain[1]).toBeCloseTo(atInfer[1], 6); // other classes are unchanged
    // An unscribbled voxel reads the same in both.
    writeGeodesic(train, 10, 0, 0, 10, atTrain, 0);
    writeGeodesic(infer, 10, 0, 0, 10, atInfer, 0);
    expect(Array.from(atTrain)).toEqual(Array.from(atInfer));
  });

  test('cutLargeStrokes: a stroke longer than MAX_STROKE_MM is cut into PIECE_MM pieces; shorter ones, in mm, are kept', () => {
    expect(PIECE_MM).toBe(16);
    expect(MAX_STROKE_MM).toBe(32);
    // 50 x 3 x 1: class 1 a 40-voxel stroke on row 0, class 2 a 20-voxel stroke on row 2.
    const dims: Dims = [50, 3, 1];
    const s = new Uint8Array(150);
    for (let i = 0; i < 40; i++) s[i] = 1;
    for (let i = 0; i < 20; i++) s[i + 100] = 2;
    const at1mm = cutLargeStrokes(labelStrokes(s, dims), dims, [1, 1, 1]);
    // 40 mm: pieces i 0..15, 16..31, 32..39.
    expect(new Set([0, 15].map((i) => at1mm.get(i))).size).toBe(1);
    expect(new Set([0, 16, 32].map((i) => at1mm.get(i))).size).toBe(3);
    expect(at1mm.get(31)).toBe(at1mm.get(16));
    expect(at1mm.get(39)).toBe(at1mm.get(32));
    // 20 mm: whole, and no id of class 1 reused.
    expect(new Set(Array.from({ length: 20 }, (_, i) => at1mm.get(i + 100))).size).toBe(1);
    expect([0, 16, 32].map((i) => at1mm.get(i))).not.toContain(at1mm.get(100));
    // At 0.5 mm the 40 voxels are 20 mm: kept whole.
    const atHalfMm = cutLargeStrokes(labelStrokes(s, dims), dims, [0.5, 0.5, 1]);
    expect(new Set(Array.from({ length: 40 }, (_, i) => atHalfMm.get(i))).size).toBe(1);
  });

  test('a class painted whole on a few slices trains with the distance a voxel beside the painting reads, not the next slice\'s', () => {
    // 48 x 48 x 100, flat image (a path costs only its length, 0.01 per mm). Classes 1 and 2 fill the left and right
    // halves of slices 10, 50 and 90: each is one connected stroke per slice, 40 mm from the next.
    const dims: Dims = [48, 48, 100];
    const image = new Float32Array(48 * 48 * 100);
    const scribbles = new Uint8Array(image.length);
    for (const k of [10, 50, 90]) for (let j = 0; j < 48; j++) for (let i = 0; i < 48; i++) scribbles[i + 48 * j + 48 * 48 * k] = i < 24 ? 1 : 2;
    const train = computeGeodesicFeatures(1, (_c, v) => image[v], dims, [1, 1, 1], scribbles, 2, true);
    const infer = computeGeodesicFeatures(1, (_c, v) => image[v], dims, [1, 1, 1], scribbles, 2, false);
    const raw = (g: typeof train, i: number, j: number, k: number) => {
      const out = new Float32Array(2);
      writeGeodesicDistances(g, i, j, k, i + 48 * j + 48 * 48 * k, out, 0);
      return Array.from(out, (d) => d * g.scale);
    };
    // A painted voxel of class 1 reads its distance from the neighbouring pieces of the same slice (within a piece's
    // width, ≤ 0.16), not from slice 90 or 10 (0.4); an unscribbled voxel two slices off reads about 0.02 at inference.
    const painted = raw(train, 8, 24, 50)[0];
    expect(painted).toBeGreaterThan(0);
    expect(painted).toBeLessThan(0.01 * PIECE_MM);
    expect(raw(infer, 8, 24, 52)[0]).toBeLessThan(0.05);
  });
});
