/**
 * wasm: 4.22.0 registers no Conv2DBackpropFilter for wasm, so 2D/2.5D training only works because the engine
 * registers its own there (gathered taps and one matMul, backend/conv2dBackpropFilterIm2col.ts); 3D is refused
 * (wrong Conv3DBackpropInputV2).
 */
import { join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, trainSsldec, ModelMismatchError } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 24, 8], [3, 5]);

describe('wasm backend', () => {
  beforeAll(() => setWasmPaths(`${join(__dirname, '../../../../node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`));
  afterAll(() => initBackend('cpu'));

  test('a 2.5D model with a 3x3 layer trains (losses finite, loss falls) and reports wasm', async () => {
    const r = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'wasm', preset: 'tiny', seed: 1, supervisedSteps: 12, mode: 'supervised', model: { kind: '2.5d', spatialLayers: 1 },
    });
    expect(r.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const losses = r.history.filter((h) => h.loss !== undefined).map((h) => h.loss!);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    r.model.dispose();
  }, 120000);

  test.each([
    [false, true], [true, false], [true, true], [false, false],
  ])('matMul with transposeA %p, transposeB %p (rerouted through a Transpose) is the plain product, batched too, leaking nothing', async (ta, tb) => {
    await initBackend('wasm');
    const product = (a: number[][], b: number[][]) => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
    const t = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
    for (const batch of [undefined, 3]) {
      const shapeOf = (rows: number, cols: number) => (batch ? [batch, rows, cols] : [rows, cols]);
      const a = tf.randomNormal(ta ? shapeOf(5, 7) : shapeOf(7, 5), 0, 1, 'float32', 11);
      const b = tf.randomNormal(tb ? shapeOf(4, 5) : shapeOf(5, 4), 0, 1, 'float32', 12);
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      const got = tf.matMul(a, b, ta, tb);
      expect(got.shape).toEqual(shapeOf(7, 4));
      const [as, bs, gs] = [await a.array(), await b.array(), await got.array()] as number[][][][];
      const slices = batch ? Array.from({ length: batch }, (_, n) => n) : [undefined];
      for (const n of slices) {
        const pick = (x: unknown) => (n === undefined ? x : (x as number[][][])[n]) as number[][];
        const expected = product(ta ? t(pick(as)) : pick(as), tb ? t(pick(bs)) : pick(bs));
        pick(gs).flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i], 4));
      }
      got.dispose();
      // No tensor and no backend buffer (the transposed copies) left behind.
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
      tf.dispose([a, b]);
    }
  });

  test('3D training is refused with a reason', async () => {
    await expect(trainSsldec(phantom.volume, phantom.scribbles, { backend: 'wasm', preset: 'tiny', model: { kind: '3d' } }))
      .rejects.toThrow(ModelMismatchError);
  }, 60000);
});
