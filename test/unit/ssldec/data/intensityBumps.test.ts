import { loadModel, predictVolume, saveModel, trainSsldec } from '../../../../src/ssldec';
import { extractInput, type VolumeSource } from '../../../../src/ssldec/data/extractPatches';
import { writeIntensityBumps } from '../../../../src/ssldec/data/intensityBumps';
import { modelConfigProblems, voxelFeatureCount, type ModelConfig } from '../../../../src/ssldec/model/ModelConfig';
import { asHounsfield, makePhantom } from '../helpers/phantom';

describe('intensity bumps', () => {
  test('B bumps over 0..1: 1 at a centre, exp(-1/2) one σ (1/B) away, and values beyond 0..1 read as 0 or 1', () => {
    const out = new Float32Array(4);
    expect(writeIntensityBumps(0.375, 4, out, 0)).toBe(4);
    expect(out[1]).toBeCloseTo(1, 6); // centre of bump 1: (1 + ½) / 4
    expect(out[0]).toBeCloseTo(Math.exp(-0.5), 6); // bump 0's centre 0.125 is one σ (0.25) away
    expect(out[3]).toBeCloseTo(Math.exp(-0.5 * 4), 6); // bump 3's centre 0.875 is two σ away
    const below = new Float32Array(4);
    const zero = new Float32Array(4);
    writeIntensityBumps(-3, 4, below, 0);
    writeIntensityBumps(0, 4, zero, 0);
    expect(below).toEqual(zero);
    const above = new Float32Array(4);
    const one = new Float32Array(4);
    writeIntensityBumps(7, 4, above, 0);
    writeIntensityBumps(1, 4, one, 0);
    expect(above).toEqual(one);
  });

  test("come after a voxel's features, one set per derived image channel, read through the channel's map", () => {
    const config: ModelConfig = {
      kind: '2d', sliceStack: 1, depth: 1, width: 2, kernelSize: 1, spatialLayers: 0, inputChannels: 1, numClasses: 2, intensityBumps: 2,
      positionInputs: true,
    };
    expect(voxelFeatureCount(config)).toBe(1 + 2 + 3);
    const dims: [number, number, number] = [2, 1, 1];
    const src: VolumeSource = {
      channels: [Float32Array.from([10, 30])], maps: [{ offset: 10, scale: 1 / 20 }], dims, features: [],
      bumps: { channels: 1, count: 2 }, position: [false, false, false],
    };
    const out = new Float32Array(2 * 6);
    extractInput(config, src, { i0: 0, j0: 0, k0: 0, si: 2, sj: 1, sk: 1 }, out, 0);
    const expected = (x: number) => [x, Math.exp(-((x - 0.25) ** 2) / (2 / 4)), Math.exp(-((x - 0.75) ** 2) / (2 / 4)), 0, 0, 0];
    expect(Array.from(out.subarray(0, 6)).map((v) => +v.toFixed(6))).toEqual(expected(0).map((v) => +v.toFixed(6)));
    expect(Array.from(out.subarray(6, 12)).map((v) => +v.toFixed(6))).toEqual(expected(1).map((v) => +v.toFixed(6)));
  });

  test('a count that is not a whole number >= 0 is an invalid config', () => {
    const config: ModelConfig = { kind: '2d', sliceStack: 1, depth: 1, width: 2, kernelSize: 1, spatialLayers: 0, inputChannels: 1, numClasses: 2 };
    expect(modelConfigProblems({ ...config, intensityBumps: 4 })).toEqual([]);
    expect(modelConfigProblems({ ...config, intensityBumps: 2.5 })[0]).toMatch(/intensityBumps/);
    expect(modelConfigProblems({ ...config, intensityBumps: -1 })[0]).toMatch(/intensityBumps/);
  });

  test('a model with bumps on two CT windows trains, keeps them through save and load (format version 11) and predicts the same', async () => {
    const phantom = makePhantom([24, 24, 8], [3, 5]);
    const volume = asHounsfield(phantom);
    const trained = await trainSsldec(volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 2, supervisedSteps: 6, mode: 'supervised', model: { intensityBumps: 3 },
    });
    expect(trained.model.config.intensityWindows?.length).toBe(2);
    expect(voxelFeatureCount(trained.model.config)).toBe(2 * (1 + 3));
    const loaded = await loadModel(await saveModel(trained.model));
    expect(loaded.config.intensityBumps).toBe(3);
    expect((await predictVolume(loaded, volume)).labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);
});
