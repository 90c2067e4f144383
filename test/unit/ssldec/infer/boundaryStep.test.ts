/**
 * boundaryStep: the mean image step across a labelmap's class boundaries, each channel scaled by its robust range.
 * The check that keeps a run's first result over its refined one compares two of these on one volume.
 */
import { boundaryStep, boundarySteps, channelScales } from '../../../../src/ssldec/infer/boundaryStep';

/** A 10x4x3 volume whose image steps from 0 to `high` between columns 4 and 5. */
function stepVolume(high: number, channels = 1) {
  const dimensions: [number, number, number] = [10, 4, 3];
  const n = 10 * 4 * 3;
  const image = Float32Array.from({ length: n }, (_, v) => (v % 10 >= 5 ? high : 0));
  return { dimensions, channels: Array.from({ length: channels }, () => image) };
}

/** Labels 1 left of column `edge`, 2 from it on. */
function split(edge: number): Uint8Array {
  return Uint8Array.from({ length: 120 }, (_, v) => (v % 10 >= edge ? 2 : 1));
}

describe('boundaryStep', () => {
  test('a boundary on the image edge steps the full range, one beside it steps nothing', () => {
    const volume = stepVolume(50);
    const scales = channelScales(volume);
    expect(scales[0]).toBeCloseTo(1 / 50, 9);
    expect(boundaryStep(volume, scales, split(5))).toBeCloseTo(1, 9);
    expect(boundaryStep(volume, scales, split(3))).toBe(0);
  });

  test('means over every label change along all three axes; a labelmap of one class has no boundary', () => {
    const volume = stepVolume(50);
    const scales = channelScales(volume);
    // Class 2 on columns 5.. and also on the whole top slice: 4 rows x 2 slices cross at the edge (step 1), and the
    // 5 columns x 4 rows under the top slice's left half change label along k over a flat image (step 0).
    const labels = split(5);
    for (let v = 80; v < 120; v++) labels[v] = 2;
    expect(boundaryStep(volume, scales, labels)).toBeCloseTo(8 / (8 + 20), 9);
    expect(boundaryStep(volume, scales, new Uint8Array(120).fill(1))).toBe(0);
  });

  test('channels count alike after scaling, whatever their units; steps add as a Euclidean norm', () => {
    const one = stepVolume(1);
    const two = { ...one, channels: [one.channels[0], stepVolume(3000).channels[0]] };
    expect(boundaryStep(two, channelScales(two), split(5))).toBeCloseTo(Math.SQRT2, 6);
  });

  test('boundarySteps compares two labelmaps of one volume', () => {
    const volume = stepVolume(7);
    expect(boundarySteps(volume, split(5), split(6))).toEqual({ first: expect.closeTo(1, 9), refined: 0 });
  });
});
