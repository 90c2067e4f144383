/**
 * The training worker's logic, free of `self` so Node tests can drive it directly: one handler holds the trained
 * model between runs (Retrain continues from it), the last run's other model (its preview's, which the panel may
 * switch to) and the last image's filter bank (a correction on the same series reuses it), one AbortController per
 * running request (Cancel), and answers every request with exactly one final message ('trained' / 'modelSaved' / ...
 * or 'failed').
 */
import type { Labelmap, Volume } from '../../src/volume/Volume';
import {
  FilterBankCache, presetForBackend, resolveTrainConfig, type SetupRunner, type SsldecModel, type TrainOptions, type TrainResult,
} from '../../src/ssldec';
import type { BackendName } from '../../src/ssldec/types';
import { serializeError, transferablesOf, type TrainSettings, type WorkerRequest, type WorkerResponse } from './messages';
import type { BackendChoice } from './chooseBackend';
import { forwardShareOfStep, RunProgress, type RunPlan } from './RunProgress';

/** The engine functions the worker needs (src/ssldec; an argument so tests can wrap or instrument it). */
export interface TrainingEngine {
  trainSsldec(volume: Volume, scribbles: Labelmap, options: TrainOptions): Promise<TrainResult>;
  saveModel(model: SsldecModel): Promise<Uint8Array>;
  loadModel(bytes: Uint8Array): Promise<SsldecModel>;
  /** Computes a run's filter bank into the options' cache ahead of the run (src/ssldec/train/prepareFilterBank.ts). */
  prepareFilterBank(volume: Volume, options: Pick<TrainOptions, 'backend' | 'preset' | 'model' | 'filterBankCache'>): Promise<void>;
  /**
   * Starts the backend for this machine (chooseBackend.ts), or `forced`, wasm on `wasmThreads` threads where given;
   * absent: the engine's own default order.
   */
  chooseBackend?(forced?: BackendName, wasmThreads?: number): Promise<BackendChoice>;
  /** Seconds, for progress timing (default performance.now). */
  now?(): number;
  /** Shares the set-up (filter bank, geodesic distances) with this worker's own worker (trainingWorker.ts). */
  setupRunner?: SetupRunner;
}

/** Progress messages to the page at most this often (seconds), besides each phase's first and last step. */
export const PROGRESS_INTERVAL_S = 0.1;

/** The schedule the engine will run (resolveTrainConfig, as trainSsldec resolves it) and the volume it predicts. */
function runPlan(options: TrainOptions, backend: string | undefined, volume: Volume, secondsPerPredictedVoxel?: number): RunPlan {
  const c = resolveTrainConfig(options, options.preset ?? presetForBackend(backend));
  const [nx, ny, nz] = volume.dimensions;
  return {
    supervisedSteps: c.supervisedSteps, maxRounds: c.maxRounds, roundSteps: c.roundSteps,
    predictedVoxels: nx * ny * nz, voxelsPerStep: c.batchSize * c.patchSize ** 2, secondsPerPredictedVoxel,
    forwardShareOfStep: forwardShareOfStep(backend), preview: options.mode !== 'supervised',
  };
}

/** Sends a response, transferring the given buffers. */
export type PostResponse = (message: WorkerResponse, transfer: ArrayBuffer[]) => void;

/** The handler: feed it every request. */
export interface TrainingHandler {
  handle(request: WorkerRequest): Promise<void>;
  hasModel(): boolean;
}

/** Error of a request that does not fit the worker's state (e.g. Retrain or Save model without a model). */
export class WorkerStateError extends Error {
  override name = 'WorkerStateError';
}

/** Creates the handler around an engine. */
export function createTrainingHandler(engine: TrainingEngine, post: PostResponse): TrainingHandler {
  let model: SsldecModel | undefined;
  /** The last run's other model: its preview's while the refined one is held, or the other way round after a switch. */
  let other: SsldecModel | undefined;
  /** The filter bank of the last image trained on: a correction or Retrain on the same series skips computing it. */
  const filterBankCache = new FilterBankCache();
  /** The filter bank being computed ahead of a run (a 'prepare'): a run waits for it rather than compute it again. */
  let preparing: Promise<unknown> | undefined;
  /** Measured on the last run, so the next ETA includes prediction from the start. */
  let secondsPerPredictedVoxel: number | undefined;
  const now = engine.now ?? (() => performance.now() / 1000);
  const running = new Map<number, AbortController>();

  /** Holds `next` (and `nextOther`, the run's other model); the models held before are released. */
  function replaceModel(next: SsldecModel | undefined, nextOther?: SsldecModel): void {
    for (const held of [model, other]) if (held !== undefined && held !== next && held !== nextOther) held.dispose();
    model = next;
    other = nextOther;
  }

  /** The backend a request's settings ask for (the site's forced one, its wasm threads), started once per worker. */
  function chooseFor(settings: TrainSettings): Promise<BackendChoice | undefined> {
    return engine.chooseBackend ? engine.chooseBackend(settings.backend, settings.wasmThreads) : Promise.resolve(undefined);
  }

  async function train(request: Extract<WorkerRequest, { type: 'train' }>): Promise<void> {
    const { requestId, volume, scribbles, settings } = request;
    if (settings.continueTraining && model === undefined) {
      throw new WorkerStateError('Retrain needs a trained model, but the worker holds none: press Train first (or load a model).');
    }
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      await preparing;
      const choice = await chooseFor(settings);
      const options: TrainOptions = {
        ...settings.overrides,
        classes: settings.classes,
        backend: choice?.backend ?? settings.backend,
        seed: settings.seed,
        preset: settings.preset,
        initialModel: settings.continueTraining ? model : undefined,
        signal: controller.signal,
        keepOtherModel: true,
        filterBankCache,
        setupRunner: engine.setupRunner,
      };
      const tracker = new RunProgress(runPlan(options, options.backend, volume, secondsPerPredictedVoxel), now);
      let posted: { phase: string; at: number } | undefined;
      options.onProgress = (progress) => {
        // The whole run's figures replace the engine's own ETA (which leaves out prediction).
        const { fraction, etaSeconds, rounds } = tracker.update(progress);
        // A phase's first and last steps, and otherwise one step per PROGRESS_INTERVAL_S: a message per step (a
        // supervised step takes a few ms) kept the viewer's page redrawing the panel, on the cores training runs on.
        const at = now();
        const due = !posted || posted.phase !== progress.phase || progress.step === progress.total || at - posted.at >= PROGRESS_INTERVAL_S;
        if (!due) return;
        posted = { phase: progress.phase, at };
        post({ type: 'progress', requestId, progress: { ...progress, fraction, etaSeconds, rounds } }, []);
      };
      // A first result to look at while the SSLDEC rounds run (the engine does not reuse the preview's arrays).
      options.onPreview = (preview) => post(
        {
          type: 'preview', requestId, prediction: preview.prediction, confidence: preview.confidence, seconds: preview.seconds,
          missingClasses: preview.missingClasses.map((c) => c.value),
        },
        transferablesOf(preview.prediction.data, preview.confidence),
      );
      const result = await engine.trainSsldec(volume, scribbles, options);
      secondsPerPredictedVoxel = tracker.secondsPerPredictedVoxel() ?? secondsPerPredictedVoxel;
      replaceModel(result.model, result.otherModel);
      post(
        {
          type: 'trained', requestId, prediction: result.prediction, confidence: result.confidence, backend: result.backend,
          rounds: result.rounds, seconds: result.seconds, continued: settings.continueTraining, backendReason: choice?.reason,
          missingClasses: result.missingClasses.map((c) => c.value), notes: result.notes,
          ...(result.refined ? {
            refined: {
              prediction: result.refined.prediction, confidence: result.refined.confidence, rounds: result.refined.rounds,
              missingClasses: result.refined.missingClasses.map((c) => c.value),
            },
          } : {}),
        },
        transferablesOf(result.prediction.data, result.confidence, ...(result.refined ? [result.refined.prediction.data, result.refined.confidence] : [])),
      );
    } finally {
      running.delete(requestId);
    }
  }

  async function dispatch(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'train':
        return train(request);
      case 'prepare': {
        const { volume, settings } = request;
        const work = (async () => {
          const choice = await chooseFor(settings);
          await engine.prepareFilterBank(volume, { ...settings.overrides, backend: choice?.backend ?? settings.backend, preset: settings.preset, filterBankCache });
        })();
        // A run after a failed warm-up computes the bank itself.
        preparing = work.catch(() => undefined);
        await work;
        post({ type: 'prepared', requestId: request.requestId }, []);
        return;
      }
      case 'cancel':
        running.get(request.requestId)?.abort();
        return;
      case 'saveModel': {
        if (model === undefined) throw new WorkerStateError('No trained model to save: train (or load a model) first.');
        if (request.other && other === undefined) throw new WorkerStateError('The last run left no other model to save.');
        const bytes = await engine.saveModel(request.other ? other! : model);
        post({ type: 'modelSaved', requestId: request.requestId, bytes }, transferablesOf(bytes));
        return;
      }
      case 'loadModel': {
        // The model's tensors go to the backend training will use (wasm here, not whatever TF.js would pick).
        if (engine.chooseBackend) await engine.chooseBackend(request.backend);
        const loaded = await engine.loadModel(request.bytes);
        let loadedOther: SsldecModel | undefined;
        try {
          loadedOther = request.otherBytes && await engine.loadModel(request.otherBytes);
        } catch (e) {
          loaded.dispose();
          throw e;
        }
        replaceModel(loaded, loadedOther);
        post({ type: 'modelLoaded', requestId: request.requestId }, []);
        return;
      }
      case 'switchModel': {
        if (model === undefined || other === undefined) {
          throw new WorkerStateError('No other result to switch to: the last run showed no first result (or a model was loaded since).');
        }
        replaceModel(other, model);
        post({ type: 'modelSwitched', requestId: request.requestId }, []);
        return;
      }
      case 'disposeModel':
        replaceModel(undefined);
        post({ type: 'modelDisposed', requestId: request.requestId }, []);
        return;
    }
  }

  return {
    async handle(request) {
      try {
        await dispatch(request);
      } catch (e) {
        post({ type: 'failed', requestId: request.requestId, error: serializeError(e) }, []);
      }
    },
    hasModel: () => model !== undefined,
  };
}
