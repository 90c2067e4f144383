import { extractInput, patchInputLength, type PatchBox, type VolumeSource } from '../../../../src/ssldec/data/extractPatches';
import type { InputSpec } from '../../../../src/ssldec/data/InputSpec';
import { writeIntensityBumps } from '../../../../src/ssldec/data/intensityBumps';

// Two channels (one clipped through a window map), two bumps each and the position: 2 + 4 + 3 values per voxel.
const dims: [number, number, number] = [5, 4, 3];
const n = dims[0] * dims[1] * dims[2];
const a = Float32Array.from({ length: n }, (_, v) => (v * 7) % 11);
const b = Float32Array.from({ length: n }, (_, v) => (v * 3) % 13 - 2);
const src: VolumeSource = {
  channels: [a, b],
  maps: [{ offset: 1, scale: 0.1, clip: false }, { offset: 0, scale: 0.125, clip: true }],
  dims, features: [], bumps: { channels: 2, count: 2 }, position: [true, true, false],
};
const spec = (kind: InputSpec['kind'], sliceStack: number): InputSpec =>
  ({ kind, sliceStack, inputChannels: 2, intensityBumps: 2, positionInputs: true });

/** One voxel's values as the network reads them, written out field by field. */
function expectedVoxel(i: number, j: number, k: number): number[] {
  const clamp = (x: number, m: number) => Math.min(m - 1, Math.max(0, x));
  [i, j, k] = [clamp(i, dims[0]), clamp(j, dims[1]), clamp(k, dims[2])];
  const v = i + j * dims[0] + k * dims[0] * dims[1];
  const values = [(a[v] - 1) * 0.1, Math.min(1, Math.max(0, b[v] * 0.125))];
  const bumps = new Float32Array(4);
  writeIntensityBumps(Math.fround(values[0]), 2, bumps, 0);
  writeIntensityBumps(Math.fround(values[1]), 2, bumps, 2);
  return [...values, ...bumps, (2 * i) / (dims[0] - 1) - 1, (2 * j) / (dims[1] - 1) - 1, 0].map(Math.fround);
}

describe('extractInput', () => {
  test('3d: [sk, sj, si, F], every voxel\'s fields in order; coordinates beyond the grid read the edge voxel', () => {
    const box: PatchBox = { i0: -1, j0: 2, k0: 1, si: 7, sj: 3, sk: 3 };
    const out = new Float32Array(patchInputLength(spec('3d', 1), box) + 5);
    extractInput(spec('3d', 1), src, box, out, 5);
    for (let dk = 0, o = 5; dk < box.sk; dk++) for (let dj = 0; dj < box.sj; dj++) for (let di = 0; di < box.si; di++, o += 9) {
      expect(Array.from(out.subarray(o, o + 9))).toEqual(expectedVoxel(box.i0 + di, box.j0 + dj, box.k0 + dk));
    }
  });

  test('2.5d: [sj, si, stack·F], the slices k0 − r … k0 + r side by side in each voxel', () => {
    const box: PatchBox = { i0: 3, j0: -2, k0: 0, si: 4, sj: 5, sk: 1 };
    const out = new Float32Array(patchInputLength(spec('2.5d', 3), box));
    extractInput(spec('2.5d', 3), src, box, out, 0);
    for (let dj = 0, o = 0; dj < box.sj; dj++) for (let di = 0; di < box.si; di++) for (let s = 0; s < 3; s++, o += 9) {
      expect(Array.from(out.subarray(o, o + 9))).toEqual(expectedVoxel(box.i0 + di, box.j0 + dj, box.k0 - 1 + s));
    }
  });
});
