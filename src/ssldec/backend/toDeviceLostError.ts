/**
 * Recognises a lost GPU device in an error thrown by TF.js's webgpu/webgl backends (driver reset, context lost,
 * tab backgrounded) and turns it into a DeviceLostError the caller can act on; other errors pass through unchanged.
 */
import { DeviceLostError, SsldecError } from '../errors';

const DEVICE_LOST = /device (was |is |has been )?lost|context (was |is )?lost|GPUDevice.*(lost|destroyed)|CONTEXT_LOST/i;

export function toDeviceLostError(error: unknown, backend: string): unknown {
  if (error instanceof SsldecError || !(error instanceof Error)) return error;
  if ((backend === 'webgpu' || backend === 'webgl') && DEVICE_LOST.test(error.message)) {
    return new DeviceLostError(`The ${backend} device was lost during training (${error.message}). Nothing was saved ` +
      "from this run; train again, or choose backend 'cpu' if it keeps happening.");
  }
  return error;
}
