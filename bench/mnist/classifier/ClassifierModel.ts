/**
 * Image-classification variant of SSLDEC (the paper's MNIST/SVHN experiment): a small CNN whose last layer is a
 * K-dimensional embedding per image, followed by the same Student-t clustering head as the segmentation model.
 * Layout: images `[N, H, W, C]`, values 0..1.
 */
import { tf, makeVariable, type Tensor, type Variable } from '../../../src/ssldec/backend/tf';
import { INITIAL_CENTRE_SCALE } from '../../../src/ssldec/model/buildFcn';
import { studentTQ } from '../../../src/ssldec/model/ClusteringHead';

export interface ClassifierConfig {
  /** Image size in pixels and channels (MNIST: 28, 28, 1). */
  height: number;
  width: number;
  channels: number;
  /** K classes (MNIST: 10). */
  numClasses: number;
  /** Filters of the two 3x3 conv blocks, each followed by 2x2 max pooling (default [32, 64]). */
  filters: [number, number];
  /** Units of the hidden dense layer (default 128). */
  dense: number;
}

export interface ClassifierModel {
  config: ClassifierConfig;
  /** conv1, conv2 kernels/biases, dense1, dense2 (to K) weights/biases, in that order. */
  weights: Variable[];
  /** Cluster centres `[K, K]`. */
  centres: Variable;
  dispose(): void;
}

/** Creates a classifier with He-normal weights (seeded) and centres at scale × one-hot. */
export function createClassifier(config: Partial<ClassifierConfig> & Pick<ClassifierConfig, 'height' | 'width' |
  'channels' | 'numClasses'>, seed = 1): ClassifierModel {
  const c: ClassifierConfig = { filters: [32, 64], dense: 128, ...config };
  const flat = Math.floor(Math.floor(c.height / 2) / 2) * Math.floor(Math.floor(c.width / 2) / 2) * c.filters[1];
  const shapes: number[][] = [
    [3, 3, c.channels, c.filters[0]], [c.filters[0]], [3, 3, c.filters[0], c.filters[1]], [c.filters[1]],
    [flat, c.dense], [c.dense], [c.dense, c.numClasses], [c.numClasses],
  ];
  const weights = shapes.map((shape, i) => {
    if (shape.length === 1) return makeVariable(() => tf.zeros(shape));
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const gain = i === shapes.length - 2 ? 1 : 2;
    return makeVariable(() => tf.randomNormal(shape, 0, Math.sqrt(gain / fanIn), 'float32', seed * 7919 + i));
  });
  const centres = makeVariable(() => tf.mul(tf.eye(c.numClasses), INITIAL_CENTRE_SCALE));
  let disposed = false;
  return {
    config: c, weights, centres,
    dispose: () => { if (!disposed) { disposed = true; tf.dispose([...weights, centres]); } },
  };
}

/** Embeddings `[N, K]` of images `[N, H, W, C]`. */
export function classifierEmbed(model: ClassifierModel, x: Tensor): Tensor {
  return tf.tidy(() => {
    const [k1, b1, k2, b2, w1, c1, w2, c2] = model.weights;
    let h = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), b1));
    h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h as tf.Tensor4D, k2 as tf.Tensor4D, 1, 'same'), b2));
    h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
    h = tf.reshape(h, [h.shape[0], -1]);
    h = tf.relu(tf.add(tf.matMul(h as tf.Tensor2D, w1 as tf.Tensor2D), c1));
    return tf.add(tf.matMul(h as tf.Tensor2D, w2 as tf.Tensor2D), c2);
  });
}

/** q `[N, K]` of images. */
export function classifierQ(model: ClassifierModel, x: Tensor): Tensor {
  return tf.tidy(() => studentTQ(classifierEmbed(model, x), model.centres));
}

/** Trainable variables in a fixed order. */
export function classifierVariables(model: ClassifierModel): Variable[] {
  return [...model.weights, model.centres];
}

/** Sum of squared kernels (L2 decay). */
export function classifierL2(model: ClassifierModel): Tensor {
  return tf.tidy(() => tf.addN([0, 2, 4, 6].map((i) => tf.sum(tf.square(model.weights[i])))));
}
