import { loadModel, predictVolume, saveModel, trainSsldec } from '../../../../src/ssldec';
import { extractInput, type VolumeSource } from '../../../../src/ssldec/data/extractPatches';
import { voxelFeatureCount, type ModelConfig } from '../../../../src/ssldec/model/ModelConfig';
import { asHounsfield, makePhantom } from '../helpers/phantom';

describe('position inputs', () => {
  const config: ModelConfig = {
    kind: '2d', sliceStack: 1, depth: 1, width: 2, kernelSize: 1, spatialLayers: 0, inputChannels: 1, numClasses: 2, positionInputs: true,
  };

  test('each voxel gets i, j, k mapped to -1..1 after its intensity', () => {
    const dims: [number, number, number] = [3, 5, 9];
    const src: VolumeSource = {
      channels: [new Float32Array(3 * 5 * 9).fill(7)], maps: [{ offset: 0, scale: 1 }], dims, features: [], position: [true, true, true],
    };
    expect(voxelFeatureCount(config)).toBe(4);
    const out = new Float32Array(3 * 5 * 4);
    extractInput(config, src, { i0: 0, j0: 0, k0: 8, si: 3, sj: 5, sk: 1 }, out, 0);
    expect(Array.from(out.subarray(0, 4))).toEqual([7, -1, -1, 1]); // voxel (0, 0, 8)
    const last = (3 * 5 - 1) * 4;
    expect(Array.from(out.subarray(last, last + 4))).toEqual([7, 1, 1, 1]); // voxel (2, 4, 8)
    expect(out[4 * 1 + 1]).toBeCloseTo(0, 6); // voxel (1, 0, 8): i in the middle
  });

  test('a model with positions and CT windows trains, reports no missing class and round-trips through save/load', async () => {
    const phantom = makePhantom([24, 24, 8], [3, 5]);
    const volume = asHounsfield(phantom);
    const trained = await trainSsldec(volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 2, supervisedSteps: 6, mode: 'supervised', model: { positionInputs: true },
    });
    expect(trained.model.config.intensityWindows?.length).toBe(2);
    expect(voxelFeatureCount(trained.model.config)).toBe(2 + 3);
    expect(trained.model.config.positionAxes?.[2]).toBe(false); // phantom strokes on 2 slices: k left out
    const loaded = await loadModel(await saveModel(trained.model));
    const again = await predictVolume(loaded, volume);
    expect(again.labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);
});

describe('positionAxes', () => {
  test('an axis the scribbles cover at fewer than 8 coordinates is left out (strokes on 3 slices: k)', async () => {
    const { positionAxes } = await import('../../../../src/ssldec/data/positionAxes');
    const dims: [number, number, number] = [20, 20, 12];
    const data = new Uint8Array(20 * 20 * 12);
    for (const k of [2, 6, 9]) for (let i = 3; i < 15; i++) data[i + 10 * 20 + k * 400] = 1 + (i % 2);
    const grid = { dimensions: dims, spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as [number, number, number, number, number, number, number, number, number] };
    // i: 12 values, j: 1 value (one row per slice), k: 3 values.
    expect(positionAxes({ ...grid, data })).toEqual([true, false, false]);
  });

  test('a left-out axis reads 0 in the network input', () => {
    const src: VolumeSource = {
      channels: [new Float32Array(2 * 2 * 3)], maps: [{ offset: 0, scale: 1 }], dims: [2, 2, 3], features: [], position: [true, true, false],
    };
    const out = new Float32Array(4 * 4);
    const config: ModelConfig = {
      kind: '2d', sliceStack: 1, depth: 1, width: 2, kernelSize: 1, spatialLayers: 0, inputChannels: 1, numClasses: 2, positionInputs: true,
    };
    extractInput(config, src, { i0: 0, j0: 0, k0: 2, si: 2, sj: 2, sk: 1 }, out, 0);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, -1, -1, 0]);
  });
});

describe('feature budget', () => {
  test('a preset model leaves the filter bank out when it would not fit, and says so', async () => {
    const { featureBytes } = await import('../../../../src/ssldec/data/volumeSource');
    const { FEATURE_BUDGET_BYTES } = await import('../../../../src/ssldec/train/trainSsldec');
    const cpu: ModelConfig = { kind: '2d', sliceStack: 1, depth: 1, width: 2, kernelSize: 1, spatialLayers: 0, inputChannels: 1, numClasses: 2, filterScales: [1, 2, 4], intensityWindows: [[-160, 240], [-500, 1300]] };
    // A 512x512x300 CT: 2 windows x 3 scales x 3 features x 78.6 M voxels x 4 bytes.
    expect(featureBytes(cpu, 512 * 512 * 300)).toBe(4 * 512 * 512 * 300 * 18);
    expect(featureBytes(cpu, 512 * 512 * 300)).toBeGreaterThan(FEATURE_BUDGET_BYTES);
    expect(featureBytes(cpu, 137 * 143 * 186)).toBeLessThan(FEATURE_BUDGET_BYTES); // the benchmark brain crop
  });
});
