/**
 * One viewer session of the SSLDEC panel, as orchestration: the store, the viewer (ohif/OhifViewer.ts, the only
 * door to OHIF), the classes and their strokes (ScribbleClasses.ts), the prediction overlay (PredictionLayer.ts),
 * the training worker and persistence (SessionPersistence.ts). Commands and the panel call its methods; each reports
 * a failure once, in the panel, and never leaves the viewer blocked.
 */
import { voxelCount } from '../../src/volume/Volume';
import { createStore, type PanelStore } from '../state/createStore';
import { BRAIN_PRESET } from '../state/classPresets';
import type { PanelAction } from '../state/panelActions';
import type { Rgb } from '../state/PanelState';
import { OhifViewer, type SameGridSeries, type ViewerTarget } from '../ohif/OhifViewer';
import { NotAnImageVolumeError, ViewerNotReadyError } from '../ohif/OhifBoundaryError';
import type { OhifContext, OhifDisplaySet } from '../ohif/types';
import type { SessionStore } from '../persistence/SessionStore';
import { saveSegmentation, type SegBuilder } from '../save/saveSegmentation';
import { WorkerClient, type WorkerLike } from '../worker/WorkerClient';
import type { TrainSettings } from '../worker/messages';
import { backendNotice, describeError, isCancellation } from './describeError';
import { lowerResolutionFactor, type SsldecConfig } from './SsldecConfig';
import { readTrainingVolume, trainOnScribbles, TrainingInputError, type PredictionPreview } from './trainOnScribbles';
import { trainSettings } from '../worker/trainSettings';
import { ScribbleClasses } from './ScribbleClasses';
import { countsFor, PredictionLayer, type ResultWithMissing } from './PredictionLayer';
import { SessionPersistence } from './SessionPersistence';
import { pointAtImagesToCheck } from './imagesToCheck';


/** A series as the clinician knows it: modality, series number and description ("MR #3 T2 axial"). */
export function seriesLabel(d: Pick<OhifDisplaySet, 'Modality' | 'SeriesNumber' | 'SeriesDescription'>): string {
  return [d.Modality ?? 'image', d.SeriesNumber !== undefined && d.SeriesNumber !== '' ? `#${d.SeriesNumber}` : '', d.SeriesDescription ?? ''].filter(Boolean).join(' ');
}

/** What a session is built from. */
export interface SessionDependencies {
  ohif: OhifContext;
  config: SsldecConfig;
  createWorker(): WorkerLike;
  /** IndexedDB store; undefined where the browser has none (nothing then survives a reload). */
  persistence?: SessionStore;
  buildSeg: SegBuilder;
  algorithmVersion: string;
  /** TrainConfig overrides (site tuning; short schedules in tests). */
  schedule?: TrainSettings['overrides'];
  now?: () => number;
}

/** The session; see file comment. */
export class SsldecSession {
  readonly store: PanelStore = createStore();
  private readonly viewer: OhifViewer;
  private readonly scribbles: ScribbleClasses;
  private readonly prediction: PredictionLayer;
  private readonly persistence: SessionPersistence;
  private worker?: WorkerClient;
  /** The series (and extra channels) whose filter bank the worker was last asked to prepare. */
  private preparedFor?: string;
  private runningRequest?: number;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly deps: SessionDependencies) {
    this.viewer = new OhifViewer(deps.ohif);
    this.prediction = new PredictionLayer(this.viewer, this.store);
    this.scribbles = new ScribbleClasses(this.viewer, this.store, ({ removed }) => {
      void this.guard(() => this.prediction.classesChanged(this.viewer.target(), removed, this.scribbles.id));
      this.persistence.schedule();
    });
    this.persistence = new SessionPersistence(deps.persistence, {
      viewer: this.viewer, store: this.store, scribbles: this.scribbles, prediction: this.prediction,
      saveModel: (other) => this.getWorker().saveModel(other),
      loadModel: (bytes, otherBytes) => this.getWorker().loadModel(bytes, deps.config.backend, otherBytes),
      now: () => this.now(), onError: (e) => this.fail(e),
    });
    this.unsubscribe = [
      this.viewer.onEdited(() => this.scribbles.id, () => this.persistence.schedule()),
      this.viewer.onModified((id) => void this.guard(() => this.scribbles.repairDrift(id))),
      // Series metadata arrives one series at a time (lazy study loading): offer each as it comes.
      this.viewer.onDisplaySetsChanged(() => void this.guard(() => this.refreshChannels())),
    ];
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private dispatch(action: PanelAction): void {
    this.store.dispatch(action);
  }

  /** Shows an error once, in the panel (an OHIF toast as well would repeat it). */
  private fail(e: unknown, title?: string): void {
    this.dispatch({ type: 'error/set', error: describeError(e, title) });
  }

  /** Runs `action`, turning any failure into a panel error. */
  private async guard(action: () => Promise<void> | void, title?: string): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.fail(e, title);
    }
  }

  private target(): ViewerTarget {
    const t = this.viewer.target();
    const [sx, sy, sz] = t.grid.geometry.spacing;
    const voxelMl = (sx * sy * sz) / 1000;
    if (this.store.getState().prediction.voxelMl !== voxelMl) this.dispatch({ type: 'prediction/voxelMl', voxelMl });
    return t;
  }

  /** The study's series on the active series' grid, offered as extra channels; quiet while no series is shown. */
  refreshChannels(): void {
    let offered: SameGridSeries[];
    try {
      offered = this.viewer.sameGridSeries(this.viewer.target());
    } catch (e) {
      if (e instanceof ViewerNotReadyError || e instanceof NotAnImageVolumeError) return;
      throw e;
    }
    this.dispatch({ type: 'channels/offered', offered: offered.map((s) => ({ seriesInstanceUid: s.displaySet.SeriesInstanceUID, label: seriesLabel(s.displaySet) })) });
  }

  /** Ticks or unticks an offered series as an extra channel (used from the next Train). */
  chooseChannel(seriesInstanceUid: string, chosen: boolean): void {
    this.dispatch({ type: 'channels/choose', seriesInstanceUid, chosen });
  }

  /** The chosen extra channels, on the grid of `t` now. */
  private chosenChannels(t: ViewerTarget): SameGridSeries[] {
    const chosen = this.store.getState().channels.chosen;
    if (chosen.length === 0) return [];
    const onGrid = this.viewer.sameGridSeries(t);
    return chosen.map((uid) => {
      const found = onGrid.find((s) => s.displaySet.SeriesInstanceUID === uid);
      if (!found) {
        throw new TrainingInputError(`An extra channel (series ${uid}) is no longer on this series' grid or no longer loaded: untick it, or open the series it belongs to.`, 'channels');
      }
      return found;
    });
  }

  private getWorker(): WorkerClient {
    this.worker ??= new WorkerClient(this.deps.createWorker());
    return this.worker;
  }

  /**
   * Makes `value` the class being painted: creates the scribble segmentation if needed and activates the brush. The
   * worker then computes the series' filter bank while the clinician paints (prepareWorker; addClass and
   * applyBrainPreset, which select a class too, as well).
   */
  selectClass(value: number): Promise<void> {
    return this.selecting(() => this.scribbles.select(value));
  }

  /** Runs a class change that selects a class to paint, then lets the worker prepare (prepareWorker). */
  private selecting(change: () => Promise<void>): Promise<void> {
    return this.guard(async () => {
      await change();
      void this.prepareWorker();
    });
  }

  /**
   * Has the worker compute the filter bank of the active series (and the chosen extra channels) for the Train that
   * painting leads to, once per image: Train's set-up is then left with the geodesic distances. A series over
   * maxVoxels gets the bank of its lower resolution, the one "Train at lower resolution" trains on. Quiet: where it
   * cannot run, Train computes the bank itself (the worker also skips a bank too large to keep). Not while a run
   * holds the worker.
   */
  private async prepareWorker(): Promise<void> {
    let key: string | undefined;
    try {
      if (this.store.getState().training.status === 'running') return;
      const t = this.target();
      const extra = this.chosenChannels(t);
      key = [t.displaySet.SeriesInstanceUID, ...extra.map((s) => s.displaySet.SeriesInstanceUID)].join(' ');
      if (this.preparedFor === key) return;
      this.preparedFor = key;
      const factor = lowerResolutionFactor(voxelCount(t.grid.geometry), this.deps.config);
      const volume = await readTrainingVolume(this.viewer, t, String(t.displaySet.Modality ?? 'image'), extra, factor);
      await this.getWorker().prepare(volume, trainSettings(this.deps.config, this.deps.schedule, [], false));
    } catch (e) {
      if (this.preparedFor === key) this.preparedFor = undefined;
      console.warn(`SSLDEC: the filter bank was not prepared ahead of Train (${(e as Error).message}); Train computes it.`);
    }
  }

  /** Adds a class (named `name`, or "Class N") and selects it (so the worker prepares, as for selectClass). */
  addClass(name?: string, color?: Rgb): Promise<void> {
    return this.selecting(() => this.scribbles.add(name, color));
  }

  /** Renames, recolours or removes a class (its segment, its strokes and its voxels in the prediction follow). */
  editClass(action: Extract<PanelAction, { type: 'classes/rename' | 'classes/recolour' | 'classes/remove' }>): Promise<void> {
    return this.guard(() => (action.type === 'classes/remove' ? this.scribbles.remove(action.value) : this.scribbles.edit(action)));
  }

  /** Replaces the classes by the brain preset (CSF, grey matter, white matter, background) and selects CSF. */
  applyBrainPreset(): Promise<void> {
    return this.selecting(() => this.scribbles.replace(BRAIN_PRESET.map((c) => ({ ...c, color: [...c.color] as Rgb }))));
  }

  /** Brush diameter in mm (the width of a stroke). */
  setBrushSize(diameterMm: number): Promise<void> {
    return this.guard(() => {
      this.scribbles.setBrushDiameter(diameterMm);
      this.persistence.schedule();
    });
  }

  /**
   * Trains on the current scribbles (Train), or continues from the held model (Retrain). `factor` > 1 trains at
   * lower in-plane resolution. Resolves when the run ended (done, cancelled or failed; see the store).
   */
  async train(options: { continueTraining?: boolean; factor?: number } = {}): Promise<void> {
    if (this.store.getState().training.status === 'running') return;
    const continueTraining = options.continueTraining ?? false;
    this.dispatch({ type: 'training/started', continued: continueTraining, at: this.now() });
    // The overlay of the run's preview, once the worker sent one (the final result waits for it to be drawn).
    let previewShown: Promise<void> = Promise.resolve();
    let first: PredictionPreview | undefined;
    try {
      const t = this.target();
      if (continueTraining && this.store.getState().prediction.stale) {
        // The model's classes are numbered 1..K; continuing it over another set would silently swap their meaning.
        throw new TrainingInputError('Classes were added or removed since the model was trained: press Train to train a new model for the classes listed now.', 'classes-changed');
      }
      const scribbleId = this.scribbles.id;
      if (!scribbleId) {
        throw new TrainingInputError('No scribbles yet: choose a class in the list, paint strokes for it and for another class, then press Train.', 'no-scribbles');
      }
      const outcome = await trainOnScribbles(
        {
          viewer: this.viewer, target: t, worker: this.getWorker(), store: this.store, config: this.deps.config, schedule: this.deps.schedule,
          scribbleSegmentationId: scribbleId, channelName: String(t.displaySet.Modality ?? 'image'), extraChannels: this.chosenChannels(t), onStarted: (id) => (this.runningRequest = id),
          onPreview: (preview) => {
            first = preview;
            // A preview that cannot be drawn is skipped: the final result is drawn anyway.
            previewShown = this.prediction.showPreview(t, preview).then(() => this.dispatch({ type: 'training/preview', at: this.now() }), () => undefined);
          },
        },
        continueTraining, options.factor ?? 1,
      );
      await previewShown;
      this.dispatch({ type: 'training/progress', progress: { phase: 'writing', step: 1, total: 1, backend: outcome.backend } });
      // The run's other result stays at hand (the worker keeps its model too): the refined one when the engine kept
      // the first, otherwise the first when the rounds changed the model.
      const { refined } = outcome;
      const alternative = refined ?? (first && outcome.rounds > 0 ? { ...first, rounds: 0 } : undefined);
      const other = alternative && {
        result: { prediction: alternative.prediction, confidence: alternative.confidence, backend: outcome.backend, rounds: alternative.rounds },
        missingClassValues: alternative.missingClassValues,
      };
      await this.prediction.show(t, outcome, other);
      const values = this.store.getState().classes.map((c) => c.value);
      this.dispatch({
        type: 'training/finished', backend: outcome.backend, voxelsPerClass: countsFor(outcome.prediction.data, values), at: this.now(),
        missingClassValues: outcome.missingClassValues, other: other ? (refined ? 'refined' : 'first') : undefined,
        otherVoxelsPerClass: other ? countsFor(other.result.prediction.data, values) : undefined,
      });
      pointAtImagesToCheck({ viewer: this.viewer, store: this.store, prediction: this.prediction, scribbles: this.scribbles }, t);
      const channels = outcome.channelNames.length > 1 ? `Trained on ${outcome.channelNames.length} channels: ${outcome.channelNames.join(' + ')}.` : '';
      this.dispatch({ type: 'notice/set', notice: [backendNotice(outcome.backend, outcome.backendReason), channels, ...outcome.notes, ...t.grid.warnings].filter(Boolean).join(' ') || undefined });
      await this.persistence.saveNow();
    } catch (e) {
      // A preview of a run that gave no result leaves the screen: the last finished prediction comes back.
      if (this.prediction.showsPreview) {
        try {
          await previewShown;
          await this.prediction.dropPreview(this.viewer.target());
        } catch {
          // The viewer went away: nothing left to redraw.
        }
      }
      if (isCancellation(e)) this.dispatch({ type: 'training/cancelled' });
      else this.dispatch({ type: 'training/failed', error: describeError(e, 'Training failed') });
    } finally {
      this.runningRequest = undefined;
    }
  }

  /**
   * Shows the last run's other result instead of the one on screen: its first (the supervised model's, before the
   * SSLDEC rounds), or back to the refined one. It becomes the result that is saved and kept, and its model the one
   * Retrain and Save model use. On some anatomy the first is the better one (src/ssldec/README.md).
   */
  switchResult(): Promise<void> {
    return this.guard(async () => {
      const { prediction, training, classes } = this.store.getState();
      if (!prediction.other || training.status === 'running') return;
      const t = this.target();
      const worker = this.getWorker();
      await worker.switchModel();
      let shown: ResultWithMissing;
      try {
        shown = await this.prediction.switchToOther(t, prediction.missingClassValues);
      } catch (e) {
        await worker.switchModel(); // the model goes back with the result still on screen
        throw e;
      }
      this.dispatch({
        type: 'prediction/switched', voxelsPerClass: countsFor(shown.result.prediction.data, classes.map((c) => c.value)),
        missingClassValues: shown.missingClassValues, other: prediction.other === 'first' ? 'refined' : 'first',
        otherVoxelsPerClass: prediction.voxelsPerClass,
      });
      pointAtImagesToCheck({ viewer: this.viewer, store: this.store, prediction: this.prediction, scribbles: this.scribbles }, t);
      await this.persistence.saveNow();
    }, 'Switching the result failed');
  }

  /**
   * Scrolls the viewport to an image the panel offers to check (its "Go to image N"): the one the shown result doubts
   * most, or the one the rounds moved most.
   */
  showImageToCheck(which: 'doubtful' | 'moved'): Promise<void> {
    return this.guard(async () => {
      const image = this.store.getState().prediction[which];
      if (image) await this.viewer.showSlice(this.target(), image.slice);
    }, 'Could not go to that image');
  }

  /** Stops the running training (its result is discarded; the previous prediction stays). */
  cancel(): void {
    if (this.runningRequest !== undefined) this.worker?.cancel(this.runningRequest);
  }

  /** Overlay fill opacity, 0..1. */
  setOpacity(opacity: number): Promise<void> {
    return this.guard(() => {
      this.dispatch({ type: 'prediction/opacity', opacity });
      this.prediction.setOpacity(this.target());
    });
  }

  /** Switches the overlay between classes and "low confidence" voxels. */
  setShowConfidence(show: boolean): Promise<void> {
    return this.guard(async () => {
      this.dispatch({ type: 'prediction/showConfidence', show });
      await this.prediction.render(this.target(), this.scribbles.id);
    });
  }

  /**
   * Saves the last prediction (default) as a SEMIAUTOMATIC DICOM-SEG, or the scribbles as a MANUAL one, through the
   * active data source. A stale prediction (made for other classes) is refused. Nothing is lost on failure: the
   * result stays in the viewer and in IndexedDB. A failure is shown once, in the panel's save line.
   * `includeBackground` stores the background class as a segment too (off by default: a SEG's background is "none").
   */
  async save(what: 'prediction' | 'scribbles' = 'prediction', options: { includeBackground?: boolean } = {}): Promise<void> {
    this.dispatch({ type: 'save/started' });
    try {
      const t = this.target();
      const result = what === 'prediction' ? this.prediction.forSave() : undefined;
      const labelmap = result?.prediction ?? this.scribbles.read(t);
      if (!labelmap) throw new ViewerNotReadyError('No scribbles to save yet: paint some strokes first.');
      const c = this.deps.config;
      const identity = await saveSegmentation(
        {
          send: (bytes) => this.viewer.storeDicom(bytes), sourceInstances: t.displaySet.instances ?? [], prediction: labelmap, kind: what,
          classes: this.store.getState().classes,
          includeBackground: options.includeBackground ?? false,
          // What a result kept by an older version did not record is left out, not guessed.
          parameters: {
            ...(result?.backend !== undefined && { backend: result.backend }), ...(result?.rounds !== undefined && { rounds: result.rounds }),
            preset: c.preset ?? 'auto', seed: c.seed ?? 1,
          },
          algorithmVersion: this.deps.algorithmVersion,
        },
        this.deps.buildSeg,
      );
      const message = `Saved the ${what} to the PACS as a new SEG series ${identity.seriesInstanceUID} in study ${identity.studyInstanceUID}.`;
      this.dispatch({ type: 'save/succeeded', seriesInstanceUid: identity.seriesInstanceUID, sopInstanceUid: identity.sopInstanceUID, message });
      this.viewer.notify('success', 'SSLDEC segmentation saved', message);
    } catch (e) {
      const error = describeError(e, 'Save to PACS failed');
      this.dispatch({ type: 'save/failed', message: `${error.title}: ${error.message}` });
      await this.persistence.saveNow().catch(() => undefined);
    }
  }

  /** The held model as bytes (for download and reuse on the next study of the same protocol). */
  async saveModel(): Promise<Uint8Array | undefined> {
    try {
      return await this.getWorker().saveModel();
    } catch (e) {
      this.fail(e, 'Saving the model failed');
      return undefined;
    }
  }

  /** Loads a saved model into the worker; the next Retrain continues from it. */
  loadModel(bytes: Uint8Array): Promise<void> {
    return this.guard(async () => {
      await this.getWorker().loadModel(bytes, this.deps.config.backend);
      this.dispatch({ type: 'model/available', available: true });
      this.dispatch({ type: 'notice/set', notice: 'Model loaded: paint a few strokes and press Retrain to adapt it to this study.' });
    }, 'Loading the model failed');
  }

  /** Writes classes, scribbles, the last prediction and the model of the active series to IndexedDB now. */
  persistNow(): Promise<void> {
    return this.persistence.saveNow();
  }

  /**
   * "Forget this study": deletes everything this browser keeps for the active study (every series). A pending
   * autosave is dropped first so it cannot write the study back; what is on screen stays, and is kept again only
   * if the user paints on.
   */
  forgetStudy(): Promise<void> {
    return this.guard(async () => {
      const deleted = await this.persistence.forgetStudy(this.target().displaySet.StudyInstanceUID);
      const notice = deleted === undefined
        ? 'This browser keeps nothing for this study (no IndexedDB).'
        : deleted
          ? `Deleted what this browser kept for this study (${deleted} series). Painting on keeps the new strokes again.`
          : 'This browser kept nothing for this study.';
      this.dispatch({ type: 'notice/set', notice });
    }, 'Forgetting this study failed');
  }

  /** Restores the kept session of the active series (SessionPersistence.restore). */
  restore(): Promise<boolean> {
    return this.persistence.restore();
  }

  /** Restores once the viewport shows images; a failing restore is shown as a panel error. */
  async restoreWhenReady(timeoutMs = 30_000, intervalMs = 500): Promise<boolean> {
    try {
      return await this.persistence.restoreWhenReady(timeoutMs, intervalMs);
    } catch (e) {
      this.fail(e, 'Could not restore the kept scribbles');
      return false;
    }
  }

  /** Stops the worker and listeners. */
  dispose(): void {
    this.persistence.cancelPending();
    for (const u of this.unsubscribe) u();
    this.worker?.terminate();
    this.worker = undefined;
  }
}
