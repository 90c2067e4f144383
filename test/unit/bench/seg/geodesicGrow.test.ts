import { geodesicDistance, geodesicGrow } from '../../../../bench/seg/baselines/geodesicGrow';
import { fill, geometry } from './grid';

describe('geodesic distance and grow from seeds', () => {
  it('sums intensity changes plus the length term along the cheapest path (hand-computed on a line)', () => {
    const image = Float32Array.from([0, 0, 1, 1, 3]);
    const seeds = Uint8Array.from([1, 0, 0, 0, 2]);
    const { distance, label } = geodesicDistance([image], seeds, [5, 1, 1], [1, 1, 1], 0.1);
    // From voxel 0: 0.1 to v1, +1+0.1 to v2, +0+0.1 to v3. From voxel 4: 2+0.1 to v3, which loses to 1.3.
    [0, 0.1, 1.2, 1.3, 0].forEach((d, v) => expect(distance[v]).toBeCloseTo(d, 9));
    expect(Array.from(label)).toEqual([1, 1, 1, 1, 2]);
  });

  it('goes around a wall of high intensity in 2D, with steps scaled by spacing', () => {
    // 5×5, a wall at i = 2 except an opening at j = 4; seed class 1 at (0,0), class 2 at (4,0).
    const dims: [number, number, number] = [5, 5, 1];
    const image = fill(new Float32Array(25), dims, (i, j) => (i === 2 && j < 4 ? 10 : 0));
    const seeds = new Uint8Array(25);
    seeds[0] = 1;
    seeds[4] = 2;
    const { distance, label } = geodesicDistance([image], seeds, dims, [1, 2, 1], 0.5);
    // (0,4) is 4 steps along j (2 mm each: 4 × 0.5 × 2 = 4) from seed 1.
    expect(distance[0 + 4 * 5]).toBeCloseTo(4);
    // (2,4), the opening: reached from either side at equal cost 4 + 2 × 0.5 = 5.
    expect(distance[2 + 4 * 5]).toBeCloseTo(5);
    // Voxels beside the wall belong to their own side's seed.
    expect(label[1 + 2 * 5]).toBe(1);
    expect(label[3 + 2 * 5]).toBe(2);
  });

  it('labels every voxel of a connected grid with a scribbled class', () => {
    const dims: [number, number, number] = [6, 6, 3];
    const volume = { ...geometry(dims), channels: [fill(new Float32Array(108), dims, (i) => (i < 3 ? 0 : 100))] };
    const scribbles = { ...geometry(dims), data: new Uint8Array(108) };
    scribbles.data[0] = 1;
    scribbles.data[107] = 2;
    const grown = geodesicGrow(volume, scribbles);
    fill(new Uint8Array(108), dims, (i) => (i < 3 ? 1 : 2)).forEach((expected, v) => expect(grown.data[v]).toBe(expected));
  });
});
