import { trainSsldec } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { extractInput, patchInputLength, type PatchBox } from '../../../../src/ssldec/data/extractPatches';
import { volumeSource } from '../../../../src/ssldec/data/volumeSource';
import { predictFromSource } from '../../../../src/ssldec/infer/predictVolume';
import { forwardQ, inputBatchShape } from '../../../../src/ssldec/model/forwardQ';
import { argmaxClasses, poolAsPredicted } from '../../../../src/ssldec/train/poolAsPredicted';
import { makePhantom } from '../helpers/phantom';

describe('the rounds\' pool as the prediction calls it (the growth guard\'s count)', () => {
  const phantom = makePhantom([20, 18, 6], [2, 3]);
  const [nx, ny, nz] = phantom.volume.dimensions;
  // Every slice a box: the pool's voxels are then the volume's, in its flat order.
  const boxes: PatchBox[] = Array.from({ length: nz }, (_, k) => ({ i0: 0, j0: 0, k0: k, si: nx, sj: ny, sk: 1 }));
  // The prediction without what follows its priors: the clean-up, the snap and the rim step.
  const noFinish = { cleanupWeight: 0, edgeSnapRadius: 0, rimMeansRadius: 0 };

  async function trained(classes: Array<{ value: number; name: string }>, model: object) {
    const r = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 4, mode: 'supervised', classes, model: { ...noFinish, ...model },
    });
    const src = await volumeSource(r.model, phantom.volume, phantom.scribbles.data);
    const len = patchInputLength(r.model.config, boxes[0]);
    const input = new Float32Array(len * boxes.length);
    boxes.forEach((b, n) => extractInput(r.model.config, src, b, input, n * len));
    const x = tf.tensor(input, inputBatchShape(r.model.config, boxes[0], boxes.length));
    const q = forwardQ(r.model, x);
    return { model: r.model, src, x, q };
  }

  test('with a Background class: q times the appearance and geodesic priors, each voxel as predictFromSource labels it', async () => {
    const classes = [{ value: 1, name: 'Background' }, { value: 2, name: 'Grey' }, { value: 3, name: 'White' }];
    const { model, src, x, q } = await trained(classes, { appearancePrior: 4, geodesicInputs: true, geodesicPrior: 4 });
    const pool = await poolAsPredicted(model, src, phantom.scribbles.data, boxes, x);
    const argmax = await argmaxClasses(q);
    const classesOf = await pool.classes(q, argmax);
    const predicted = await predictFromSource(model, src, phantom.volume, { fixedLabels: phantom.scribbles.data });
    expect(Array.from(classesOf, (c) => c + 1)).toEqual(Array.from(predicted.labelmap.data));
    // The priors change what q alone says: the count is not the argmax's.
    expect(argmax.some((c, v) => c !== classesOf[v])).toBe(true);
    pool.dispose();
    tf.dispose([x, q]);
    model.dispose();
  }, 120000);

  test('without a Background class there are no priors: q\'s argmax', async () => {
    const classes = [{ value: 1, name: 'Dark' }, { value: 2, name: 'Grey' }, { value: 3, name: 'White' }];
    const { model, src, x, q } = await trained(classes, { appearancePrior: 4, geodesicInputs: true, geodesicPrior: 4 });
    const pool = await poolAsPredicted(model, src, phantom.scribbles.data, boxes, x);
    const argmax = await argmaxClasses(q);
    expect(Array.from(await pool.classes(q, argmax))).toEqual(Array.from(argmax));
    pool.dispose();
    tf.dispose([x, q]);
    model.dispose();
  }, 120000);
});
