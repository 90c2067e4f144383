/**
 * wasm's filter gradient as gathered taps and one matMul (backend/conv2dBackpropFilterIm2col.ts): the gathered matrix
 * by hand, and the kernel as the engine registers it on wasm against the naive sum, strides 1 and 2.
 */
import { join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../../../src/ssldec';
import { gatherTaps } from '../../../../src/ssldec/backend/conv2dBackpropFilterIm2col';
import { tf } from '../../../../src/ssldec/backend/tf';
import { naiveFilterGrad } from '../helpers/naiveFilterGrad';

describe('gatherTaps', () => {
  test('row (tap, channel) holds each output pixel\'s shifted input, 0 outside the image', () => {
    // One image 2 x 3, two channels: value = 10 * (y * 3 + x) + channel.
    const xs = Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 2) + (i % 2));
    const cols = gatherTaps(xs, [1, 2, 3, 2], [2, 3], [3, 3], [1, 1], 1, 1);
    expect(cols.length).toBe(9 * 2 * 6);
    const row = (ky: number, kx: number, ch: number) => Array.from(cols.slice(((ky * 3 + kx) * 2 + ch) * 6, ((ky * 3 + kx) * 2 + ch + 1) * 6));
    expect(row(1, 1, 0)).toEqual([0, 10, 20, 30, 40, 50]); // the centre tap is the image
    expect(row(1, 1, 1)).toEqual([1, 11, 21, 31, 41, 51]);
    expect(row(0, 0, 0)).toEqual([0, 0, 0, 0, 0, 10]); // up-left: only pixel (1, 1) has one, (0, 0)
    expect(row(2, 2, 1)).toEqual([41, 51, 0, 0, 0, 0]); // down-right
    expect(row(1, 2, 0)).toEqual([10, 20, 0, 40, 50, 0]); // right
  });
});

describe('Conv2DBackpropFilter on wasm as gathered taps and one matMul', () => {
  beforeAll(async () => {
    setWasmPaths(`${join(__dirname, '../../../../node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
    await initBackend('wasm');
  });
  afterAll(() => initBackend('cpu'));

  type Shape4 = [number, number, number, number];
  test.each<[string, Shape4, Shape4, number, 'same' | 'valid', number, number]>([
    ['x=[2,5,6,3] f=[3,3,3,4] s=1 p=same', [2, 5, 6, 3], [3, 3, 3, 4], 1, 'same', 1, 1],
    ['x=[1,7,6,2] f=[3,3,2,2] s=1 p=valid', [1, 7, 6, 2], [3, 3, 2, 2], 1, 'valid', 0, 0],
    ['x=[2,6,6,2] f=[5,5,2,3] s=1 p=same', [2, 6, 6, 2], [5, 5, 2, 3], 1, 'same', 2, 2],
    ['x=[1,5,5,2] f=[2,4,2,2] s=1 p=same (even sizes: padding split low-first)', [1, 5, 5, 2], [2, 4, 2, 2], 1, 'same', 0, 1],
    ['x=[1,7,7,2] f=[3,3,2,2] s=2 p=valid', [1, 7, 7, 2], [3, 3, 2, 2], 2, 'valid', 0, 0],
    ['x=[1,6,6,2] f=[3,3,2,2] s=2 p=same', [1, 6, 6, 2], [3, 3, 2, 2], 2, 'same', 0, 0],
  ])('%s matches the naive sum', async (_name, xShape, fShape, stride, pad, padTop, padLeft) => {
    expect(tf.getBackend()).toBe('wasm');
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 3) as tf.Tensor4D;
    const f = tf.randomNormal(fShape, 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = tf.conv2d(x, f, stride, pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const grad = tf.grad((filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, stride, pad), dy)))(f);
    expect(tf.memory().numTensors).toBe(before + 1); // the gradient only: intermediates released
    const expected = naiveFilterGrad(await x.array(), await dy.array(), fShape[0], fShape[1], stride, padTop, padLeft);
    const got = await grad.array() as number[][][][];
    expect(grad.shape).toEqual(fShape);
    got.flat(3).forEach((v, i) => expect(v).toBeCloseTo(expected.flat(3)[i], 4));
    tf.dispose([x, f, y, dy, grad]);
  });
});
