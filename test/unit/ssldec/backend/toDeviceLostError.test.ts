import { DeviceLostError, InvalidVolumeError } from '../../../../src/ssldec';
import { toDeviceLostError } from '../../../../src/ssldec/backend/toDeviceLostError';

describe('toDeviceLostError', () => {
  test('a webgpu "device was lost" error becomes DeviceLostError that names the backend and what to do', () => {
    const e = toDeviceLostError(new Error('GPUDevice was lost: reason destroyed'), 'webgpu');
    expect(e).toBeInstanceOf(DeviceLostError);
    expect((e as Error).message).toMatch(/webgpu device was lost.*choose backend 'cpu'/);
  });
  test('other errors, other backends and engine errors pass through unchanged', () => {
    const plain = new Error('shape mismatch');
    expect(toDeviceLostError(plain, 'webgpu')).toBe(plain);
    const lostOnCpu = new Error('device lost');
    expect(toDeviceLostError(lostOnCpu, 'cpu')).toBe(lostOnCpu);
    const engine = new InvalidVolumeError('device lost in message but already typed');
    expect(toDeviceLostError(engine, 'webgl')).toBe(engine);
  });
});
