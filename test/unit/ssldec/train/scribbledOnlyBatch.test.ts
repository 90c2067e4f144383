/**
 * A per-voxel network's labelled steps compute only the scribbled voxels of their patches
 * (PatchSampler.labelledBatch's `scribbledOnly`): the same draws, the same loss and the same gradients as the whole
 * patches, whose unscribbled voxels the masked loss never reads.
 */
import { tf, type Tensor } from '../../../../src/ssldec/backend/tf';
import { kernelL2 } from '../../../../src/ssldec/model/buildFcn';
import { forwardQ } from '../../../../src/ssldec/model/forwardQ';
import { networkInputChannels } from '../../../../src/ssldec/model/ModelConfig';
import { PatchSampler, SCRIBBLED_ROWS } from '../../../../src/ssldec/train/PatchSampler';
import { resolveTrainConfig } from '../../../../src/ssldec/train/TrainConfig';
import { labelledAccuracy, maskedCrossEntropy } from '../../../../src/ssldec/train/losses';
import { defaultTrainingSource } from '../helpers/defaultTrainingSource';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([40, 40, 8], [2, 5]);

describe('labelled batches of a per-voxel network, scribbled voxels only', () => {
  test('the same loss, accuracy and gradients as the whole patches, and the same draws after them', async () => {
    const { model, scribbles, source } = await defaultTrainingSource(phantom);
    const train = { ...resolveTrainConfig({}, 'default'), patchSize: 16 };
    const whole = new PatchSampler(model.config, train, source, scribbles, 5);
    const only = new PatchSampler(model.config, train, source, scribbles, 5);
    const weights = model.variables();
    // Loss, accuracy and gradients of one batch.
    const measure = ({ x, oneHot }: { x: Tensor; oneHot: Tensor }) => {
      const { value, grads } = tf.variableGrads(() =>
        tf.add(maskedCrossEntropy(forwardQ(model, x), oneHot), tf.mul(kernelL2(model), 0.01)) as tf.Scalar, weights);
      const accuracy = tf.tidy(() => labelledAccuracy(forwardQ(model, x), oneHot).dataSync()[0]);
      const out = { loss: value.dataSync()[0], accuracy, grads: weights.map((w) => Array.from(grads[w.name].dataSync())) };
      tf.dispose([value, ...Object.values(grads), x, oneHot]);
      return out;
    };
    for (let step = 0; step < 3; step++) {
      const patches = whole.labelledBatch(4);
      const voxels = only.labelledBatch(4, true);
      const c = networkInputChannels(model.config);
      const labelled = tf.tidy(() => tf.sum(patches.oneHot).dataSync()[0]);
      // The scribbled voxels, then rows of zeros to a multiple of SCRIBBLED_ROWS.
      const rows = Math.ceil(labelled / SCRIBBLED_ROWS) * SCRIBBLED_ROWS;
      expect(voxels.x.shape).toEqual([rows, 1, 1, c]);
      expect(voxels.oneHot.shape).toEqual([rows, 1, 1, 3]);
      expect(tf.tidy(() => tf.sum(voxels.oneHot).dataSync()[0])).toBe(labelled);
      expect(labelled).toBeLessThan(4 * 16 * 16 / 4);
      const a = measure(patches);
      const b = measure(voxels);
      expect(b.loss).toBeCloseTo(a.loss, 5);
      expect(b.accuracy).toBeCloseTo(a.accuracy, 6);
      a.grads.forEach((g, w) => g.forEach((value, i) => expect(b.grads[w][i]).toBeCloseTo(value, 5)));
    }
    // The two samplers drew alike: their next patches are the same.
    expect(whole.randomBox()).toEqual(only.randomBox());
    model.dispose();
  });
});
