/**
 * wasm: 4.22.0 registers no Conv2DBackpropFilter for wasm, so 2D/2.5D training only works because the engine
 * registers its depth-1 Conv3DBackpropFilterV2 route there; 3D is refused (wrong Conv3DBackpropInputV2).
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

  test('3D training is refused with a reason', async () => {
    await expect(trainSsldec(phantom.volume, phantom.scribbles, { backend: 'wasm', preset: 'tiny', model: { kind: '3d' } }))
      .rejects.toThrow(ModelMismatchError);
  }, 60000);
});
