/**
 * Turns anything thrown during training, saving or restoring into a message a clinician can act on. Engine errors
 * arrive from the worker as WorkerRequestError with the engine's class name in `errorName`.
 */
import type { PanelMessage } from '../state/PanelState';
import { WorkerRequestError } from '../worker/WorkerClient';

/** Title of the "volume too large" message; the panel then offers training at lower resolution. */
export const TOO_LARGE_TITLE = 'Volume too large for this device';
/** Title of the lost-GPU message; the panel offers lower resolution there too. */
export const DEVICE_LOST_TITLE = 'The GPU was lost';
/** Factor offered when memory ran out without a voxel count to size it: half the in-plane resolution. */
const HALF = 2;

/** Allocation failures of TF.js backends (WebGPU buffer limits, WebGL textures, wasm memory). */
const OUT_OF_MEMORY = /out of memory|OOM|maxStorageBufferBindingSize|maxBufferSize|Failed to allocate|texture size|Array buffer allocation failed/i;

const BY_NAME: Record<string, (detail: string) => PanelMessage> = {
  InsufficientScribblesError: (d) => ({ title: 'Not enough scribbles', message: `${d} Paint strokes for at least two classes, then press Train.` }),
  GeometryMismatchError: (d) => ({ title: 'Scribbles do not fit the image', message: `${d} Paint on the series shown in the active viewport.` }),
  InvalidVolumeError: (d) => ({ title: 'Not a usable image volume', message: `${d} Choose an MR or CT series.` }),
  ModelMismatchError: (d) => ({ title: 'The model does not fit', message: `${d} Press Train to start a new model for these classes.` }),
  UnknownBackendError: (d) => ({ title: 'Compute backend unavailable', message: d }),
  DeviceLostError: (d) => ({
    title: DEVICE_LOST_TITLE,
    message: `${d} The volume may be too large for this GPU: press "Train at lower resolution" (1/${HALF}), or close other GPU-heavy tabs and train again.`,
    lowerResolutionFactor: HALF,
  }),
  AbortError: () => ({ title: 'Training cancelled', message: 'Training was cancelled; the previous result (if any) is unchanged.' }),
  ModelFormatError: (d) => ({ title: 'Not an SSLDEC model file', message: d }),
  WorkerError: (d) => ({ title: 'Training worker failed', message: d }),
  WorkerStateError: (d) => ({ title: 'Nothing to continue from', message: d }),
};

/** Whether the error is a cancellation (not shown as an error). */
export function isCancellation(e: unknown): boolean {
  return (e instanceof WorkerRequestError && e.errorName === 'AbortError') || (e as Error | undefined)?.name === 'AbortError';
}

/** A panel message for `e`. Unknown errors keep their own message, which says what happened. */
export function describeError(e: unknown, fallbackTitle = 'Something went wrong'): PanelMessage {
  const name = e instanceof WorkerRequestError ? e.errorName : (e as Error | undefined)?.name ?? 'Error';
  const detail = e instanceof Error ? e.message : String(e);
  const known = BY_NAME[name];
  if (known) return known(detail);
  if (name === 'TrainingInputError') {
    const { kind, lowerResolutionFactor } = e as { kind?: string; lowerResolutionFactor?: number };
    if (kind === 'too-large') return { title: TOO_LARGE_TITLE, message: detail, lowerResolutionFactor: lowerResolutionFactor ?? HALF };
    return { title: kind === 'one-class' ? 'Only one class scribbled' : 'No scribbles', message: detail };
  }
  if (name === 'NotAnImageVolumeError') return { title: 'Not an image volume', message: detail };
  if (name === 'ViewerNotReadyError') return { title: 'The viewer is not ready', message: detail };
  if (name === 'SaveError') return { title: 'Save to PACS failed', message: detail };
  if (name === 'PersistenceError' || name === 'SessionRecordError') return { title: 'Could not keep the session in this browser', message: detail };
  if (OUT_OF_MEMORY.test(detail)) {
    return {
      title: TOO_LARGE_TITLE, message: `${detail} The volume does not fit this device's memory: press "Train at lower resolution" (1/${HALF}).`,
      lowerResolutionFactor: HALF,
    };
  }
  return { title: fallbackTitle, message: detail };
}

/** Rough slowdown against WebGPU on a GPU, for the fallback notice (order of magnitude; see shared/docs/tfjs-backends.md). */
const SLOWER: Record<string, string> = {
  webgl: 'about 2–5× slower than WebGPU',
  wasm: 'about 10–50× slower than WebGPU on a GPU',
  cpu: 'about 30–100× slower than WebGPU on a GPU; the smaller CPU model is used',
};

/** Notice when training ran on something other than WebGPU (undefined when it ran on WebGPU). */
export function backendNotice(backend: string): string | undefined {
  if (backend === 'webgpu') return undefined;
  return `WebGPU is not available in this browser, so training ran on ${backend} instead (${SLOWER[backend] ?? 'slower than WebGPU'}). ` +
    'Chrome or Edge with a GPU gives WebGPU.';
}
