/**
 * The training worker's logic, free of `self` so Node tests can drive it directly: one handler holds the trained
 * model between runs (Retrain continues from it), one AbortController per running request (Cancel), and answers
 * every request with exactly one final message ('trained' / 'modelSaved' / ... or 'failed').
 */
import type { Labelmap, Volume } from '../../src/volume/Volume';
import type { SsldecModel, TrainOptions, TrainResult } from '../../src/ssldec';
import { serializeError, transferablesOf, type WorkerRequest, type WorkerResponse } from './messages';

/** The engine functions the worker needs (src/ssldec; an argument so tests can wrap or instrument it). */
export interface TrainingEngine {
  trainSsldec(volume: Volume, scribbles: Labelmap, options: TrainOptions): Promise<TrainResult>;
  saveModel(model: SsldecModel): Promise<Uint8Array>;
  loadModel(bytes: Uint8Array): Promise<SsldecModel>;
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
  const running = new Map<number, AbortController>();

  function replaceModel(next: SsldecModel | undefined): void {
    if (model !== undefined && model !== next) model.dispose();
    model = next;
  }

  async function train(request: Extract<WorkerRequest, { type: 'train' }>): Promise<void> {
    const { requestId, volume, scribbles, settings } = request;
    if (settings.continueTraining && model === undefined) {
      throw new WorkerStateError('Retrain needs a trained model, but the worker holds none: press Train first (or load a model).');
    }
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      const result = await engine.trainSsldec(volume, scribbles, {
        ...settings.overrides,
        classes: settings.classes,
        backend: settings.backend,
        seed: settings.seed,
        preset: settings.preset,
        initialModel: settings.continueTraining ? model : undefined,
        signal: controller.signal,
        onProgress: (progress) => post({ type: 'progress', requestId, progress }, []),
      });
      replaceModel(result.model);
      post(
        {
          type: 'trained', requestId, prediction: result.prediction, confidence: result.confidence, backend: result.backend,
          rounds: result.rounds, seconds: result.seconds, continued: settings.continueTraining,
        },
        transferablesOf(result.prediction.data, result.confidence),
      );
    } finally {
      running.delete(requestId);
    }
  }

  async function dispatch(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'train':
        return train(request);
      case 'cancel':
        running.get(request.requestId)?.abort();
        return;
      case 'saveModel': {
        if (model === undefined) throw new WorkerStateError('No trained model to save: train (or load a model) first.');
        const bytes = await engine.saveModel(model);
        post({ type: 'modelSaved', requestId: request.requestId, bytes }, transferablesOf(bytes));
        return;
      }
      case 'loadModel': {
        replaceModel(await engine.loadModel(request.bytes));
        post({ type: 'modelLoaded', requestId: request.requestId }, []);
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
