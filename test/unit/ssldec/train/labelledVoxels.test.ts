/**
 * The supervised phase of a per-voxel network on scribbled voxels instead of patches (PatchSampler.labelledVoxels):
 * the inputs are the voxels' own, as a patch would give them (filter bank, geodesic inputs with scribble dropout),
 * the labels theirs, the classes balanced; and a run trained that way still segments the phantom.
 */
import { trainSsldec } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { networkInputChannels } from '../../../../src/ssldec/model/ModelConfig';
import { extractInput, patchInputLength, type PatchBox } from '../../../../src/ssldec/data/extractPatches';
import { PatchSampler } from '../../../../src/ssldec/train/PatchSampler';
import { resolveTrainConfig } from '../../../../src/ssldec/train/TrainConfig';
import { defaultTrainingSource, PHANTOM_CLASSES } from '../helpers/defaultTrainingSource';
import { dice, makePhantom } from '../helpers/phantom';

const phantom = makePhantom([32, 32, 8], [2, 5]);
const classes = PHANTOM_CLASSES;

describe('supervised steps on scribbled voxels (per-voxel networks)', () => {
  test('each drawn voxel carries the inputs and label of a scribbled voxel of its class, classes balanced', async () => {
    const { model, scribbles, source } = await defaultTrainingSource(phantom);
    const sampler = new PatchSampler(model.config, resolveTrainConfig({}, 'default'), source, scribbles, 1);

    // Every scribbled voxel's input row as a whole-slice patch lays it out, keyed by class.
    const [nx, ny] = source.dims;
    const c = networkInputChannels(model.config);
    const rowsOf = new Map<number, string[]>([[0, []], [1, []], [2, []]]);
    for (const k of [2, 5]) {
      const box: PatchBox = { i0: 0, j0: 0, k0: k, si: nx, sj: ny, sk: 1 };
      const slice = new Float32Array(patchInputLength(model.config, box));
      extractInput(model.config, source, box, slice, 0);
      for (let v = 0; v < nx * ny; v++) {
        const label = scribbles[v + k * nx * ny];
        if (label > 0) rowsOf.get(label - 1)!.push(slice.subarray(v * c, (v + 1) * c).join(','));
      }
    }

    const { x, oneHot } = sampler.labelledVoxels(30);
    expect(x.shape).toEqual([30, 1, 1, c]);
    expect(oneHot.shape).toEqual([30, 1, 1, 3]);
    const xs = x.dataSync();
    const ys = oneHot.dataSync();
    const perClass = [0, 0, 0];
    for (let v = 0; v < 30; v++) {
      const label = [0, 1, 2].find((j) => ys[v * 3 + j] === 1)!;
      expect(ys[v * 3] + ys[v * 3 + 1] + ys[v * 3 + 2]).toBe(1);
      perClass[label]++;
      expect(rowsOf.get(label)).toContain(Array.from(xs.subarray(v * c, (v + 1) * c)).join(','));
    }
    expect(perClass).toEqual([10, 10, 10]);
    tf.dispose([x, oneHot]);
    model.dispose();
  });

  test('a run whose supervised phase draws voxels segments the phantom (Dice >= 0.9 per class), no leak', async () => {
    const voxels = jest.spyOn(PatchSampler.prototype, 'labelledVoxels');
    const patches = jest.spyOn(PatchSampler.prototype, 'labelledBatch');
    const before = tf.memory().numTensors;
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', seed: 3, classes, labelledVoxels: 256 });
    // The supervised phase's 40 steps (tiny preset) draw voxels; the rounds' labelled steps (every second of 8) patches.
    expect(voxels).toHaveBeenCalledTimes(40);
    expect(voxels).toHaveBeenCalledWith(256);
    expect(r.rounds).toBeGreaterThanOrEqual(1);
    expect(patches).toHaveBeenCalledTimes(r.rounds * 4);
    voxels.mockRestore();
    patches.mockRestore();
    for (const v of [1, 2, 3]) expect(dice(r.prediction.data, phantom.truth.data, v)).toBeGreaterThanOrEqual(0.9);
    r.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120000);
});
