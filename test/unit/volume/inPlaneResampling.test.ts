/**
 * In-plane resampling by an integer factor, on small grids computed by hand: the reduced grid's voxel centres are
 * the centres of their blocks in patient space (oblique direction included), images are block means, scribbles the
 * block's majority class, and nearest-neighbour upsampling returns each block's value to all its voxels.
 */
import { downsampleLabels, downsampleVolume, reducedGeometry, upsampleNearest } from '../../../src/volume/inPlaneResampling';
import type { Geometry } from '../../../src/volume/Volume';

/** Patient position (LPS, mm) of voxel (i, j, k), as Volume.ts defines it. */
function position(g: Geometry, i: number, j: number, k: number): number[] {
  const d = g.direction;
  return [0, 1, 2].map((a) => g.origin[a] + i * g.spacing[0] * d[a] + j * g.spacing[1] * d[3 + a] + k * g.spacing[2] * d[6 + a]);
}

// 5 columns x 4 rows x 2 slices, rotated 30° in-plane, anisotropic spacing.
const c = Math.cos(Math.PI / 6);
const s = Math.sin(Math.PI / 6);
const grid: Geometry = { dimensions: [5, 4, 2], spacing: [0.5, 0.8, 3], origin: [10, -20, 5], direction: [c, s, 0, -s, c, 0, 0, 0, 1] };

describe('reducedGeometry', () => {
  it('puts each reduced voxel at the centre of its full 2x2 block, keeps slices and direction', () => {
    const r = reducedGeometry(grid, 2);
    expect(r.dimensions).toEqual([3, 2, 2]);
    expect(r.spacing).toEqual([1, 1.6, 3]);
    expect(r.direction).toEqual(grid.direction);
    for (const [i2, j2, k] of [[0, 0, 0], [1, 1, 1]]) {
      const corners = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([di, dj]) => position(grid, 2 * i2 + di, 2 * j2 + dj, k));
      const centre = [0, 1, 2].map((a) => corners.reduce((sum, p) => sum + p[a], 0) / 4);
      position(r, i2, j2, k).forEach((v, a) => expect(v).toBeCloseTo(centre[a], 10));
    }
  });

  it('is the identity for factor 1', () => {
    expect(reducedGeometry(grid, 1)).toEqual(grid);
  });
});

describe('downsampleVolume', () => {
  it('averages each block per channel; edge blocks average the voxels they have', () => {
    // value = i + 10 j + 100 k, second channel = 2x the first
    const n = 5 * 4 * 2;
    const ch = Float32Array.from({ length: n }, (_, t) => (t % 5) + 10 * (Math.floor(t / 5) % 4) + 100 * Math.floor(t / 20));
    const v = downsampleVolume({ ...grid, channels: [ch, ch.map((x) => 2 * x)], channelNames: ['a', 'b'] }, 2);
    expect(v.dimensions).toEqual([3, 2, 2]);
    expect(v.channelNames).toEqual(['a', 'b']);
    // block (0,0,0): i 0..1, j 0..1 → mean i 0.5, mean j 0.5 → 5.5; edge block (2,1,1): i 4, j 2..3 → 4 + 25 + 100
    expect(v.channels[0][0]).toBeCloseTo(5.5, 5);
    expect(v.channels[0][2 + 1 * 3 + 1 * 6]).toBeCloseTo(129, 5);
    expect(v.channels[1][2 + 1 * 3 + 1 * 6]).toBeCloseTo(258, 5);
  });
});

describe('downsampleLabels', () => {
  it('keeps the most frequent non-zero label of a block (ties: the smaller), 0 for an empty block', () => {
    const data = new Uint8Array(4 * 4);
    // block (0,0): 2,2,3,0 → 2; block (1,0): 3,1 tie 1:1 → 1; block (0,1): empty → 0; block (1,1): 0,0,0,3 → 3
    data.set([2, 2, 3, 1], 0);
    data.set([3, 0, 0, 0], 4);
    data[15] = 3;
    const l = downsampleLabels({ dimensions: [4, 4, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data }, 2);
    expect(Array.from(l.data)).toEqual([2, 1, 0, 3]);
  });
});

describe('upsampleNearest', () => {
  it('gives every voxel its block value, including the partial edge blocks, for labels and confidences', () => {
    const reduced = reducedGeometry(grid, 2);
    const labels = Uint8Array.from({ length: 12 }, (_, t) => t + 1);
    const up = upsampleNearest(labels, reduced, grid, 2);
    expect(up).toBeInstanceOf(Uint8Array);
    expect(up.length).toBe(40);
    expect(up[4 + 3 * 5 + 1 * 20]).toBe(labels[2 + 1 * 3 + 1 * 6]);
    expect(up[1 + 1 * 5]).toBe(labels[0]);
    const confidence = upsampleNearest(Float32Array.from(labels, (x) => x / 12), reduced, grid, 2);
    expect(confidence).toBeInstanceOf(Float32Array);
    expect(confidence[3]).toBeCloseTo(2 / 12, 6);
  });

  it('undoes downsampleLabels on a labelmap that is constant per block', () => {
    const g: Geometry = { dimensions: [6, 4, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const data = Uint8Array.from({ length: 24 }, (_, t) => 1 + Math.floor((t % 6) / 3) + 2 * Math.floor(Math.floor(t / 6) / 3));
    const down = downsampleLabels({ ...g, data }, 3);
    expect(upsampleNearest(down.data, down, g, 3)).toEqual(data);
  });
});
