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

/** What the panel says for one error class: title, the error's own message plus what to do, maybe an offer. */
type Explain = (detail: string, error: unknown) => PanelMessage;

/** Keeps the error's message (which already says what to do) under a title. */
const titled = (title: string): Explain => (detail) => ({ title, message: detail });

/**
 * One row per error class that can reach the panel, keyed by `name` (engine errors cross the worker as their name).
 * test/unit/extension/session/describeError.test.ts checks that every exported error class has a row.
 */
const MESSAGES: Record<string, Explain> = {
  // engine (src/ssldec, src/volume), through the worker
  InsufficientScribblesError: (d) => ({ title: 'Not enough scribbles', message: `${d} Paint strokes for at least two classes, then press Train.` }),
  GeometryMismatchError: (d) => ({ title: 'Scribbles do not fit the image', message: `${d} Paint on the series shown in the active viewport.` }),
  InvalidVolumeError: (d) => ({ title: 'Not a usable image volume', message: `${d} Choose an MR or CT series.` }),
  ModelMismatchError: (d) => ({ title: 'The model does not fit', message: `${d} Press Train to start a new model for these classes.` }),
  UnknownBackendError: titled('Compute backend unavailable'),
  DeviceLostError: (d) => ({
    title: DEVICE_LOST_TITLE,
    message: `${d} The volume may be too large for this GPU: press "Train at lower resolution" (1/${HALF}), or close other GPU-heavy tabs and train again.`,
    lowerResolutionFactor: HALF,
  }),
  AbortError: () => ({ title: 'Training cancelled', message: 'Training was cancelled; the previous result (if any) is unchanged.' }),
  ModelFormatError: titled('Not an SSLDEC model file'),
  SsldecError: titled('Training failed'),
  // the worker
  WorkerError: titled('Training worker failed'),
  WorkerStateError: titled('Nothing to continue from'),
  // the panel's own checks and the viewer
  TrainingInputError: (d, e) => {
    const { kind, lowerResolutionFactor } = e as { kind?: string; lowerResolutionFactor?: number };
    if (kind === 'too-large') return { title: TOO_LARGE_TITLE, message: d, lowerResolutionFactor: lowerResolutionFactor ?? HALF };
    return { title: kind === 'one-class' ? 'Only one class scribbled' : kind === 'classes-changed' ? 'Classes changed' : 'No scribbles', message: d };
  },
  NotAnImageVolumeError: titled('Not an image volume'),
  ViewerNotReadyError: titled('The viewer is not ready'),
  OhifBoundaryError: titled('The viewer did not answer as expected'),
  PanelStateError: titled('The panel refused this action'),
  // saving, restoring, reading DICOM
  SaveError: titled('Save to PACS failed'),
  SegmentationError: titled('Could not build the DICOM-SEG'),
  DicomWebError: titled('The PACS request failed'),
  DicomSeriesError: titled('Not a readable DICOM series'),
  DicomSeriesWriteError: titled('Could not write the DICOM series'),
  ImageFormatError: titled('Not a readable image file'),
  PersistenceError: titled('Could not keep the session in this browser'),
  SessionRecordError: titled('Could not keep the session in this browser'),
};

/** Whether the error is a cancellation (not shown as an error). */
export function isCancellation(e: unknown): boolean {
  return (e instanceof WorkerRequestError && e.errorName === 'AbortError') || (e as Error | undefined)?.name === 'AbortError';
}

/** A panel message for `e`. Unknown errors keep their own message, which says what happened. */
export function describeError(e: unknown, fallbackTitle = 'Something went wrong'): PanelMessage {
  const name = e instanceof WorkerRequestError ? e.errorName : (e as Error | undefined)?.name ?? 'Error';
  const detail = e instanceof Error ? e.message : String(e);
  const explain = Object.hasOwn(MESSAGES, name) ? MESSAGES[name] : undefined;
  if (explain) return explain(detail, e);
  if (OUT_OF_MEMORY.test(detail)) {
    return {
      title: TOO_LARGE_TITLE, message: `${detail} The volume does not fit this device's memory: press "Train at lower resolution" (1/${HALF}).`,
      lowerResolutionFactor: HALF,
    };
  }
  return { title: fallbackTitle, message: detail };
}

/** Rough slowdown against WebGPU on a GPU, for the fallback notice (order of magnitude; see docs/tfjs-backends.md). */
const SLOWER: Record<string, string> = {
  webgl: 'about 2–5× slower than WebGPU',
  wasm: 'about 10–50× slower than WebGPU on a GPU',
  cpu: 'about 30–100× slower than WebGPU on a GPU; the smaller CPU model is used',
};

/**
 * What the panel says about the backend after a run. With the worker's reason (chooseBackend.ts) it says exactly
 * which backend and why; a claim such as "WebGPU is not available" is never made when it was not checked.
 */
export function backendNotice(backend: string, reason?: string): string | undefined {
  if (reason) return `Trained on ${reason}.`;
  if (backend === 'webgpu') return undefined;
  return `Training ran on ${backend} (${SLOWER[backend] ?? 'slower than WebGPU'}).`;
}
