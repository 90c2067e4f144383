/**
 * Autosave and restore of a session in IndexedDB (persistence/SessionStore.ts): classes, strokes, the last prediction
 * and whether it is stale, the last run's other result with its model (the panel's switch and its warning), the
 * trained model (so Retrain works after a reload) and the brush size, per series.
 * Autosave runs shortly after the last edit; restore only when the user has not started in this page (their strokes
 * since would be overwritten otherwise).
 */
import type { OhifViewer, ViewerTarget } from '../ohif/OhifViewer';
import { sessionKey, type SessionStore } from '../persistence/SessionStore';
import type { SessionRecord } from '../persistence/SessionRecord';
import type { PanelStore } from '../state/createStore';
import { describeError } from './describeError';
import { countsFor, type PredictionLayer } from './PredictionLayer';
import { pointAtImagesToCheck } from './imagesToCheck';
import type { ScribbleClasses } from './ScribbleClasses';

/** Debounce of autosave after an edit (ms). */
const AUTOSAVE_DELAY_MS = 800;

/** The parts of a session that are kept and restored. */
export interface KeptParts {
  viewer: OhifViewer;
  store: PanelStore;
  scribbles: ScribbleClasses;
  prediction: PredictionLayer;
  /** The worker's model as bytes (`other`: the last run's other model), and loading them back into it. */
  saveModel(other?: boolean): Promise<Uint8Array>;
  loadModel(bytes: Uint8Array, otherBytes?: Uint8Array): Promise<void>;
  now(): number;
  /** Autosave failures (shown as a panel error). */
  onError(e: unknown): void;
}

function keyOf(t: ViewerTarget): string {
  return sessionKey(t.displaySet.StudyInstanceUID, t.displaySet.SeriesInstanceUID);
}

/** See file comment. `store` is undefined where the browser has no IndexedDB (nothing then survives a reload). */
export class SessionPersistence {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly db: SessionStore | undefined, private readonly parts: KeptParts) {}

  get available(): boolean {
    return this.db !== undefined;
  }

  /** Saves shortly after the last call. */
  schedule(): void {
    if (!this.db) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow().catch(this.parts.onError), AUTOSAVE_DELAY_MS);
  }

  /** Drops a pending autosave (before forgetting a study, and on dispose). */
  cancelPending(): void {
    clearTimeout(this.timer);
  }

  /** Writes the session of the active series now. */
  async saveNow(): Promise<void> {
    this.cancelPending();
    if (!this.db) return;
    const { viewer, store, scribbles, prediction } = this.parts;
    const t = viewer.target();
    const state = store.getState();
    const result = prediction.current;
    const model = state.hasModel ? await this.parts.saveModel().catch(() => undefined) : undefined;
    // The last run's other result is kept with its model, or not at all (a switch needs both).
    const kind = state.prediction.other;
    const other = model && kind ? prediction.otherResult : undefined;
    const otherModel = other && await this.parts.saveModel(true).catch(() => undefined);
    const record: SessionRecord = {
      classes: state.classes, dimensions: t.grid.geometry.dimensions, scribbles: scribbles.read(t)?.data,
      prediction: result?.prediction.data, confidence: result?.confidence, predictionStale: state.prediction.stale,
      backend: result?.backend, rounds: result?.rounds,
      other: kind && other && otherModel ? {
        kind, prediction: other.result.prediction.data, confidence: other.result.confidence,
        missingClassValues: other.missingClassValues, backend: other.result.backend, rounds: other.result.rounds, model: otherModel,
      } : undefined,
      model, brushSize: state.brushSize, extraChannels: state.channels.chosen, missingClassValues: state.prediction.missingClassValues,
      updatedAt: this.parts.now(),
    };
    await this.db.save(keyOf(t), record);
  }

  /** Deletes everything kept for a study; resolves with the number of series deleted (undefined without IndexedDB). */
  async forgetStudy(studyInstanceUid: string): Promise<number | undefined> {
    this.cancelPending();
    return this.db?.forgetStudy(studyInstanceUid);
  }

  /** Whether the user has classes or scribbles in this page already. */
  private started(): boolean {
    return this.parts.store.getState().classes.length > 0 || this.parts.scribbles.started;
  }

  /**
   * Restores the kept session of the active series, if one was kept for this grid and the user has not started:
   * once they have, the kept record is their own autosave (or older). Resolves with whether it restored.
   */
  async restore(): Promise<boolean> {
    if (!this.db || this.started()) return false;
    const { viewer, store, scribbles, prediction } = this.parts;
    const t = viewer.target();
    const record = await this.db.load(keyOf(t));
    if (!record || this.started()) return false;
    if (record.dimensions.some((d, a) => d !== t.grid.geometry.dimensions[a])) return false; // another grid: ignore
    store.dispatch({ type: 'classes/replace', classes: record.classes });
    if (record.brushSize) scribbles.setBrushDiameter(record.brushSize);
    if (record.extraChannels?.length) store.dispatch({ type: 'channels/restored', chosen: record.extraChannels });
    if (record.scribbles) await scribbles.restore(t, record.scribbles);
    // The first class is the active one again: arm the brush on it (otherwise it showed "preparing brush…" for good).
    if (record.classes[0]) await scribbles.select(record.classes[0].value);
    // The model first: the other result is offered only when the worker holds its model again.
    let model = '';
    let other = record.other;
    if (record.model) {
      try {
        await this.parts.loadModel(record.model, other?.model);
        store.dispatch({ type: 'model/available', available: true });
        model = ', the trained model (Retrain continues from it)';
      } catch (e) {
        model = ` (not the model: ${describeError(e).message})`;
        other = undefined;
      }
    } else other = undefined;
    if (record.prediction && record.confidence) {
      const { geometry } = t.grid;
      const kept = other && {
        result: { prediction: { ...geometry, data: other.prediction }, confidence: other.confidence, backend: other.backend, rounds: other.rounds },
        missingClassValues: other.missingClassValues,
      };
      await prediction.show(t, {
        prediction: { ...geometry, data: record.prediction }, confidence: record.confidence, backend: record.backend, rounds: record.rounds,
      }, kept);
      const values = record.classes.map((c) => c.value);
      store.dispatch({
        type: 'prediction/restored', voxelsPerClass: countsFor(record.prediction, values), stale: record.predictionStale,
        missingClassValues: record.missingClassValues, other: other?.kind, otherVoxelsPerClass: other && countsFor(other.prediction, values),
      });
      pointAtImagesToCheck(this.parts, t);
    }
    store.dispatch({ type: 'notice/set', notice: `Restored the scribbles${record.prediction ? `, the last prediction${other ? ` (and the run's ${other.kind} result to switch to)` : ''}` : ''}${model} kept in this browser.` });
    return true;
  }

  /**
   * Waits until the active viewport renders an image series (the panel mounts before the study has loaded), then
   * restores. Gives up after `timeoutMs` when no image series appears (nothing to restore to).
   */
  async restoreWhenReady(timeoutMs: number, intervalMs: number): Promise<boolean> {
    if (!this.db) return false;
    const deadline = this.parts.now() + timeoutMs;
    while (!this.parts.viewer.showsImages()) {
      if (this.parts.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    return this.restore();
  }
}
