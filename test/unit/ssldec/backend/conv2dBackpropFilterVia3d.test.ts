import { tf } from '../../../../src/ssldec/backend/tf';
import { naiveFilterGrad } from '../helpers/naiveFilterGrad';

describe('Conv2DBackpropFilter rerouted through Conv3DBackpropFilterV2 (cpu)', () => {
  type Shape4 = [number, number, number, number];
  test.each<[string, Shape4, Shape4, number, 'same' | 'valid', number, number]>([
    ['x=[2,5,6,3] f=[3,3,3,4] s=1 p=same', [2, 5, 6, 3], [3, 3, 3, 4], 1, 'same', 1, 1],
    ['x=[1,7,7,2] f=[3,3,2,2] s=2 p=valid', [1, 7, 7, 2], [3, 3, 2, 2], 2, 'valid', 0, 0],
    ['x=[3,4,4,5] f=[1,1,5,3] s=1 p=same', [3, 4, 4, 5], [1, 1, 5, 3], 1, 'same', 0, 0],
  ])('%s matches the naive sum', async (_name, xShape, fShape, stride, pad, padTop, padLeft) => {
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 3) as tf.Tensor4D;
    const f = tf.randomNormal(fShape, 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = tf.conv2d(x, f, stride, pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 5) as tf.Tensor4D;
    const grad = tf.grad((filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, stride, pad), dy)))(f);
    const expected = naiveFilterGrad(await x.array(), await dy.array(), fShape[0], fShape[1], stride, padTop, padLeft);
    const got = await grad.array() as number[][][][];
    expect(grad.shape).toEqual(fShape);
    got.flat(3).forEach((v, i) => expect(v).toBeCloseTo(expected.flat(3)[i], 4));
    tf.dispose([x, f, y, dy, grad]);
  });
});
