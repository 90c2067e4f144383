/**
 * The panel's side of the training worker: typed requests, promises for results, progress callbacks. Voxel buffers
 * are transferred (zero-copy), so callers pass arrays they no longer need (readSourceVolume makes fresh ones).
 */
import type { Labelmap, Volume } from '../../src/volume/Volume';
import type { BackendName } from '../../src/ssldec/types';
import { transferablesOf, type PreviewMessage, type RunProgressEvent, type TrainedMessage, type TrainSettings, type WorkerRequest, type WorkerResponse } from './messages';

/** What WorkerClient needs of a Worker (a real `Worker`, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerResponse }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/**
 * A request that failed in the worker. `errorName` is the engine's error class name
 * ('InsufficientScribblesError', 'AbortError', 'DeviceLostError', ...), so the panel can explain it.
 */
export class WorkerRequestError extends Error {
  override name = 'WorkerRequestError';
  constructor(readonly errorName: string, message: string) {
    super(message);
  }
}

interface Pending {
  resolve(message: WorkerResponse): void;
  reject(error: Error): void;
  onProgress?: (p: RunProgressEvent) => void;
  onPreview?: (p: PreviewMessage) => void;
}

/** A training run in flight: its id (for cancel) and its outcome. */
export interface TrainingRun {
  requestId: number;
  result: Promise<TrainedMessage>;
}

/** Typed client of one training worker. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      const reason = new WorkerRequestError(
        'WorkerError',
        `The training worker failed (${event.message ?? 'no details'}). Reload the viewer; if it persists, check that ` +
          'ssldec-training-worker.js is served next to ssldec-extension.js.',
      );
      for (const p of this.pending.values()) p.reject(reason);
      this.pending.clear();
    });
  }

  /**
   * Starts training. `volume` channels and `scribbles.data` are transferred to the worker (unusable here afterwards).
   * The result resolves with the prediction (engine values 1..K), or rejects with a WorkerRequestError.
   * `onPreview` gets the supervised model's prediction once, before the SSLDEC rounds (a first result to show).
   */
  train(volume: Volume, scribbles: Labelmap, settings: TrainSettings, onProgress?: (p: RunProgressEvent) => void,
    onPreview?: (p: PreviewMessage) => void): TrainingRun {
    const requestId = this.nextId++;
    const result = this.request<TrainedMessage>(
      { type: 'train', requestId, volume, scribbles, settings },
      transferablesOf(...volume.channels, scribbles.data),
      onProgress, onPreview,
    );
    return { requestId, result };
  }

  /**
   * Has the worker compute the filter bank a Train on `volume` with `settings` would compute, so that Train finds it
   * (sent while the clinician paints). `volume` is transferred. Resolves when it is kept, or rejects.
   */
  async prepare(volume: Volume, settings: TrainSettings): Promise<void> {
    const requestId = this.nextId++;
    await this.request({ type: 'prepare', requestId, volume, settings }, transferablesOf(...volume.channels));
  }

  /** Asks the worker to stop run `requestId`; its result then rejects with errorName 'AbortError'. */
  cancel(requestId: number): void {
    this.worker.postMessage({ type: 'cancel', requestId }, []);
  }

  /** The held model (`other`: the last run's other one) as one binary artefact (the engine's saveModel format). */
  async saveModel(other = false): Promise<Uint8Array> {
    const requestId = this.nextId++;
    const reply = await this.request<Extract<WorkerResponse, { type: 'modelSaved' }>>({ type: 'saveModel', requestId, other }, []);
    return reply.bytes;
  }

  /**
   * Replaces the held model by one loaded from `bytes` onto the training backend (`backend`: a forced one), and the
   * last run's other model by `otherBytes` (none: no other model).
   */
  async loadModel(bytes: Uint8Array, backend?: BackendName, otherBytes?: Uint8Array): Promise<void> {
    const requestId = this.nextId++;
    const copy = bytes.slice();
    const otherCopy = otherBytes?.slice();
    await this.request({ type: 'loadModel', requestId, bytes: copy, backend, otherBytes: otherCopy }, transferablesOf(copy, ...(otherCopy ? [otherCopy] : [])));
  }

  /** Swaps the held model with the last run's other one (the preview's supervised model, or back to the refined one). */
  async switchModel(): Promise<void> {
    const requestId = this.nextId++;
    await this.request({ type: 'switchModel', requestId }, []);
  }

  /** Stops the worker; pending requests reject. */
  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new WorkerRequestError('WorkerTerminated', 'The training worker was stopped.'));
    this.pending.clear();
  }

  private request<R extends WorkerResponse>(message: WorkerRequest, transfer: ArrayBuffer[], onProgress?: (p: RunProgressEvent) => void,
    onPreview?: (p: PreviewMessage) => void): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.set(message.requestId, { resolve: resolve as (m: WorkerResponse) => void, reject, onProgress, onPreview });
      this.worker.postMessage(message, transfer);
    });
  }

  private onMessage(message: WorkerResponse): void {
    const pending = this.pending.get(message.requestId);
    if (!pending) return; // a late progress event of a finished run
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    if (message.type === 'preview') {
      pending.onPreview?.(message);
      return;
    }
    this.pending.delete(message.requestId);
    if (message.type === 'failed') pending.reject(new WorkerRequestError(message.error.name, message.error.message));
    else pending.resolve(message);
  }
}
