/**
 * The engine's single TensorFlow.js import point. Registers all gradients and the cpu backend, plus the faster
 * Conv2DBackpropFilter kernel for cpu. GPU and wasm backends are imported lazily by initBackend.ts so a Node cpu run
 * never loads them. Use functional ops (`tf.sum(x)`), not chained ones (`x.sum()`), which are not registered.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { registerConv2dFilterGradVia3d } from './conv2dBackpropFilterVia3d';

registerConv2dFilterGradVia3d('cpu');

export { tf };
export type { Tensor, Variable, Rank } from '@tensorflow/tfjs-core';

/**
 * A variable initialised from `init()`, with the initialising tensor released (tf.variable alone keeps it alive,
 * which shows up as a leaked tensor in tf.memory()).
 */
export function makeVariable(init: () => tf.Tensor, trainable = true): tf.Variable {
  let v: tf.Variable | undefined;
  tf.tidy(() => {
    v = tf.variable(init(), trainable);
  });
  return v!;
}
