import {
  trainSsldec, predictVolume, GeometryMismatchError, InsufficientScribblesError, InvalidVolumeError,
  UnknownBackendError, type BackendName,
} from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import type { Labelmap, Volume } from '../../../../src/volume/Volume';
import { makePhantom } from '../helpers/phantom';

// Generous: the machine running the tests may be shared; each run here takes well under a second when idle.
jest.setTimeout(120000);

const phantom = makePhantom([16, 16, 4], [1, 2]);
const cpu = { backend: 'cpu' as const, preset: 'tiny' as const, supervisedSteps: 1 };

function withImage(values: Float32Array): Volume {
  return { ...phantom.volume, channels: [values] };
}
function withScribbles(data: Uint8Array): Labelmap {
  return { ...phantom.scribbles, data };
}

/** Runs trainSsldec expecting `error` and checks the caller's arrays and the tensor count are unchanged. */
async function expectRejected(volume: Volume, scribbles: Labelmap, error: unknown, message: RegExp, options = {}): Promise<void> {
  const image = volume.channels.map((c) => c.slice());
  const labels = scribbles.data.slice();
  const before = tf.memory().numTensors;
  const run = trainSsldec(volume, scribbles, { ...cpu, ...options });
  await expect(run).rejects.toThrow(error as never);
  await expect(run).rejects.toThrow(message);
  expect(tf.memory().numTensors).toBe(before);
  volume.channels.forEach((c, i) => expect(c).toEqual(image[i]));
  expect(scribbles.data).toEqual(labels);
}

describe('bad input gives a typed error and leaves the caller data untouched', () => {
  test('no scribbles', () => expectRejected(phantom.volume, withScribbles(new Uint8Array(phantom.scribbles.data.length)),
    InsufficientScribblesError, /No scribbles/));

  test('only one class scribbled', () => expectRejected(phantom.volume,
    withScribbles(phantom.scribbles.data.map((v) => (v === 1 ? 1 : 0))), InsufficientScribblesError, /Only class 1 is scribbled/));

  test('scribble value beyond the given classes', () => expectRejected(phantom.volume, phantom.scribbles,
    InsufficientScribblesError, /label 3 but only 2 classes/, { classes: [{ value: 1, name: 'a' }, { value: 2, name: 'b' }] }));

  test('labelmap and volume of different shape', () => expectRejected(phantom.volume,
    { ...phantom.scribbles, dimensions: [16, 16, 3], data: phantom.scribbles.data.subarray(0, 16 * 16 * 3) },
    GeometryMismatchError, /do not match the volume/));

  test('channel of the wrong length', () => expectRejected(withImage(new Float32Array(10)), phantom.scribbles,
    GeometryMismatchError, /channel 0 has 10 voxels, expected 1024/));

  test('empty volume (no channels)', () => expectRejected({ ...phantom.volume, channels: [] }, phantom.scribbles,
    InvalidVolumeError, /no channels/));

  test('constant volume', () => expectRejected(withImage(new Float32Array(1024).fill(7)), phantom.scribbles,
    InvalidVolumeError, /constant \(every voxel = 7\)/));

  test('NaN voxel, with its position', () => {
    const image = phantom.volume.channels[0].slice();
    image[5 + 2 * 16 + 1 * 256] = NaN;
    return expectRejected(withImage(image), phantom.scribbles, InvalidVolumeError, /non-finite voxel \(NaN\) at \(i, j, k\) = \(5, 2, 1\)/);
  });

  test('unknown backend', () => expectRejected(phantom.volume, phantom.scribbles, UnknownBackendError,
    /Unknown backend 'tpu'/, { backend: 'tpu' as BackendName }));

  test('webgpu requested where there is no GPU', () => expectRejected(phantom.volume, phantom.scribbles, UnknownBackendError,
    /webgpu is not available/, { backend: 'webgpu' }));

  test('predictVolume with a NaN volume', async () => {
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { ...cpu, mode: 'supervised' });
    const image = phantom.volume.channels[0].slice();
    image[0] = Infinity;
    await expect(predictVolume(r.model, withImage(image))).rejects.toThrow(InvalidVolumeError);
    r.model.dispose();
  });
});
