import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { join } from 'node:path';
async function main() {
  const name = process.argv[2];
  if (name === 'webgpu') {
    const webgpu = (await import('webgpu')) as any;
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: webgpu.create([]) }, configurable: true });
    Object.assign(globalThis, webgpu.globals);
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(join(process.env.SSLDEC_REPO_ROOT!, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  }
  console.log('set', await tf.setBackend(name), tf.getBackend());
  const x = tf.randomNormal([1, 64, 64, 3]);
  const w = tf.randomNormal([3, 3, 3, 8]);
  const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
  console.log((await tf.sum(y).data())[0]);
  process.exit(0);
}
main();
