/**
 * Peak bytes held in TF.js tensors, exact rather than sampled: wraps the engine's `trackTensor` (every new tensor,
 * kernel outputs included, passes through it) to record `engine.state.numBytes` after each. Sampling
 * tf.memory() between steps misses the peak, which lies inside a step's intermediates. Bench-only instrumentation;
 * TF.js counts logical tensor bytes, so on GPU backends this is GPU memory in use, not the allocator's pool.
 */
import * as tf from '@tensorflow/tfjs-core';

interface EngineInternals {
  trackTensor: (tensor: unknown, backend: unknown) => void;
  state: { numBytes: number };
}

let peakBytes = 0;
let installed = false;

/** Start tracking (idempotent) and reset the peak to the current usage. */
export function resetTensorPeak(): void {
  const engine = tf.engine() as unknown as EngineInternals;
  if (!installed) {
    const original = engine.trackTensor.bind(engine);
    engine.trackTensor = (tensor, backend) => {
      original(tensor, backend);
      if (engine.state.numBytes > peakBytes) peakBytes = engine.state.numBytes;
    };
    installed = true;
  }
  peakBytes = engine.state.numBytes;
}

/** Peak tensor bytes since the last reset. */
export function tensorPeakBytes(): number {
  return Math.max(peakBytes, tf.memory().numBytes);
}
