/**
 * Builds the segmentation FCN's variables and runs it forward. Plain TF.js ops and variables (no tfjs-layers).
 * Layout: 2D/2.5D input `[N, H, W, Cin]` (Cin = image channels × slice stack, slice-major), 3D input
 * `[N, D, H, W, C]`; 'same' padding, so the embedding has the input's spatial shape with K channels.
 */
import { tf, makeVariable, type Tensor } from '../backend/tf';
import { ModelMismatchError } from '../errors';
import type { ClassInfo } from '../types';
import { modelConfigProblems, networkInputChannels, type ModelConfig } from './ModelConfig';
import { SsldecModel, type ConvLayer, type NormalisationSpec } from './SsldecModel';

/** Distance of the initial cluster centres from the origin (centres start at scale × one-hot vectors). */
export const INITIAL_CENTRE_SCALE = 3;

export const DEFAULT_NORMALISATION: NormalisationSpec = { method: 'percentile', low: 0.5, high: 99.5 };

function kernelShape(c: ModelConfig, size: number, inC: number, outC: number): number[] {
  return c.kind === '3d' ? [size, size, size, inC, outC] : [size, size, inC, outC];
}

/**
 * Creates a model with He-normal kernels, zero biases and centres at `INITIAL_CENTRE_SCALE` × e_j.
 * @param seed makes the initial weights repeatable.
 * @throws ModelMismatchError when the config is invalid or does not match the classes.
 */
export function createSsldecModel(config: ModelConfig, classes: ClassInfo[], seed: number,
  normalisation: NormalisationSpec = DEFAULT_NORMALISATION): SsldecModel {
  const problems = modelConfigProblems(config);
  if (classes.length !== config.numClasses) problems.push(`numClasses ${config.numClasses} != ${classes.length} classes`);
  if (problems.length) throw new ModelMismatchError(`Invalid model config: ${problems.join('; ')}.`);
  const layers: ConvLayer[] = [];
  let inC = networkInputChannels(config);
  for (let l = 0; l <= config.depth; l++) {
    const last = l === config.depth;
    const size = !last && l < config.spatialLayers ? config.kernelSize : 1;
    const outC = last ? config.numClasses : config.width;
    const shape = kernelShape(config, size, inC, outC);
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const std = Math.sqrt((last ? 1 : 2) / fanIn);
    layers.push({
      kernel: makeVariable(() => tf.randomNormal(shape, 0, std, 'float32', seed * 1009 + l)),
      bias: makeVariable(() => tf.zeros([outC])),
    });
    inC = outC;
  }
  const centres = makeVariable(() => tf.mul(tf.eye(config.numClasses), INITIAL_CENTRE_SCALE));
  return new SsldecModel(config, classes, normalisation, layers, centres);
}

function isPointwise(kernelShape: number[]): boolean {
  return kernelShape.slice(0, -2).every((d) => d === 1);
}

/**
 * A 1x1(x1) convolution as one matMul over all voxels: same result as conv2d/conv3d, but the cpu and wasm backends
 * run it (and its gradients) several times faster than their convolution kernels.
 */
function pointwise(h: Tensor, kernel: Tensor): Tensor {
  const [inC, outC] = kernel.shape.slice(-2);
  const flat = tf.matMul(tf.reshape(h, [-1, inC]) as tf.Tensor2D, tf.reshape(kernel, [inC, outC]) as tf.Tensor2D);
  return tf.reshape(flat, [...h.shape.slice(0, -1), outC]);
}

/**
 * Embeddings z of a batch.
 * @param x `[N, H, W, Cin]` (2d/2.5d) or `[N, D, H, W, C]` (3d), normalised intensities.
 * @returns z with K channels and x's spatial shape.
 */
export function embed(model: SsldecModel, x: Tensor): Tensor {
  return tf.tidy(() => {
    let h = x;
    model.layers.forEach((layer, l) => {
      const conv = isPointwise(layer.kernel.shape) ? pointwise(h, layer.kernel)
        : model.config.kind === '3d'
          ? tf.conv3d(h as tf.Tensor5D, layer.kernel as tf.Tensor5D, 1, 'same')
          : tf.conv2d(h as tf.Tensor4D, layer.kernel as tf.Tensor4D, 1, 'same');
      const biased = tf.add(conv, layer.bias);
      h = l === model.layers.length - 1 ? biased : tf.relu(biased);
    });
    return h;
  });
}

/** Sum of squared kernel weights (for L2 decay). */
export function kernelL2(model: SsldecModel): Tensor {
  return tf.tidy(() => tf.addN(model.layers.map((l) => tf.sum(tf.square(l.kernel)))));
}
