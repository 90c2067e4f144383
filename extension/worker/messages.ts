/**
 * The protocol between the panel (WorkerClient.ts) and the training worker (trainingWorker.ts). Voxel arrays travel
 * as transferables: the sender gives up its buffers, so senders pass copies they own.
 */
import type { Labelmap, Volume } from '../../src/volume/Volume';
import type { BackendName, ClassInfo, PresetName, TrainProgress } from '../../src/ssldec/types';
import type { TrainConfig } from '../../src/ssldec';
import type { RunProgressFigures } from './RunProgress';

/** Training settings sent with a request (the engine's TrainOptions that can cross a thread). */
export interface TrainSettings {
  /** Engine classes, values 1..K. */
  classes: ClassInfo[];
  /** Explicit backend (site configuration); omitted: chosen by what the machine is (chooseBackend.ts). */
  backend?: BackendName;
  /** Threads for wasm (site configuration); omitted: by the machine's cores (wasmThreading.ts). */
  wasmThreads?: number;
  seed?: number;
  preset?: PresetName;
  /** Every TrainConfig field set by the site or a test (maxRounds, short schedules), applied over the preset as one
   *  object so that no field can be dropped on the way to the engine. */
  overrides?: Partial<TrainConfig>;
  /** Continue from the model the worker holds (Retrain) instead of starting afresh. */
  continueTraining: boolean;
}

/** An error as it crosses the thread boundary: the class name (e.g. 'InsufficientScribblesError') and message. */
export interface SerializedError {
  name: string;
  message: string;
}

/** Panel → worker. `requestId` pairs a request with its responses. */
export type WorkerRequest =
  | { type: 'train'; requestId: number; volume: Volume; scribbles: Labelmap; settings: TrainSettings }
  /** Compute the filter bank a Train on this volume with these settings would compute, while the clinician paints. */
  | { type: 'prepare'; requestId: number; volume: Volume; settings: TrainSettings }
  | { type: 'cancel'; requestId: number }
  /** `other`: the last run's other model instead of the held one. */
  | { type: 'saveModel'; requestId: number; other?: boolean }
  /** `otherBytes`: the last run's other model, held beside it again (a restored session's switch). */
  | { type: 'loadModel'; requestId: number; bytes: Uint8Array; backend?: BackendName; otherBytes?: Uint8Array }
  | { type: 'disposeModel'; requestId: number }
  /** Swap the held model with the other one of the last run (the preview's supervised model, or back to the refined one). */
  | { type: 'switchModel'; requestId: number };

/** Result of a training run, as sent back (prediction values are engine values 1..K). */
export interface TrainedMessage {
  type: 'trained';
  requestId: number;
  prediction: Labelmap;
  /** max_j q_ij per voxel (0..1), flat index like the volume. */
  confidence: Float32Array;
  backend: string;
  rounds: number;
  seconds: { total: number; firstPrediction: number };
  /** Whether the run continued from the held model. */
  continued: boolean;
  /** Why this backend, in words for the panel (absent when the engine chose by its own order). */
  backendReason?: string;
  /** Engine values of scribbled classes that no voxel of the prediction has (TrainResult.missingClasses). */
  missingClasses: number[];
  /** What the engine changed or left out, in words for the panel (TrainResult.notes). */
  notes?: string[];
  /** The refined result, when the engine kept the first (TrainResult.refined; engine values 1..K). */
  refined?: { prediction: Labelmap; confidence: Float32Array; rounds: number; missingClasses: number[] };
}

/**
 * The supervised model's prediction, sent once during a run before the SSLDEC rounds refine it (engine values 1..K;
 * TrainOptions.onPreview): the panel shows it until the run's 'trained' message replaces it.
 */
export interface PreviewMessage {
  type: 'preview';
  requestId: number;
  prediction: Labelmap;
  confidence: Float32Array;
  /** Seconds from the start of the engine's run. */
  seconds: number;
  missingClasses: number[];
}

/** An engine progress event with the whole run's share done and seconds left (RunProgress.ts). */
export type RunProgressEvent = TrainProgress & RunProgressFigures;

/** Worker → panel. */
export type WorkerResponse =
  | { type: 'progress'; requestId: number; progress: RunProgressEvent }
  | PreviewMessage
  | TrainedMessage
  | { type: 'modelSaved'; requestId: number; bytes: Uint8Array }
  | { type: 'prepared'; requestId: number }
  | { type: 'modelLoaded'; requestId: number }
  | { type: 'modelDisposed'; requestId: number }
  | { type: 'modelSwitched'; requestId: number }
  | { type: 'failed'; requestId: number; error: SerializedError };

/** Buffers of a volume and labelmap to transfer. */
export function transferablesOf(...arrays: ArrayBufferView[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

/** Turns anything thrown into a SerializedError (keeps the class name so the panel can explain it). */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name || e.constructor.name, message: e.message };
  return { name: 'Error', message: String(e) };
}
