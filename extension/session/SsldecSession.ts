/**
 * One viewer session of the SSLDEC panel: the store, the training worker, the OHIF segmentations (scribbles and
 * prediction) and persistence. Commands and the panel call its methods; each method reports failures into the
 * store (shown in `ssldec-error`) and as an OHIF notification, and never leaves the viewer blocked.
 */
import type { Labelmap } from '../../src/volume/Volume';
import { createStore, type PanelStore } from '../state/createStore';
import { BRAIN_PRESET } from '../state/classPresets';
import { countLabels } from '../state/engineClasses';
import type { PanelAction } from '../state/panelActions';
import type { Rgb } from '../state/PanelState';
import { activeImageDisplaySet } from '../ohif/activeImageDisplaySet';
import { getCornerstoneLibraries } from '../ohif/getCornerstoneLibraries';
import { readScribbles } from '../ohif/readScribbles';
import { readSourceGrid, type SourceGrid } from '../ohif/readSourceVolume';
import {
  activateBrushForClass, createScribbleSegmentation, hasSegmentation, scribblesDrifted, keepBrushOnScribbles, onSegmentationEdited, setBrushSize, syncScribbleSegments,
} from '../ohif/scribbleSegments';
import { createPredictionSegmentation, overlayLabelmap, setSegmentationOpacity, writeLabelmap } from '../ohif/writePrediction';
import type { CornerstoneLibraries, OhifContext, OhifDisplaySet } from '../ohif/types';
import { ViewerNotReadyError } from '../ohif/OhifBoundaryError';
import { sessionKey, type SessionStore } from '../persistence/SessionStore';
import { saveSegmentation, type SegBuilder } from '../save/saveSegmentation';
import { WorkerClient, type WorkerLike } from '../worker/WorkerClient';
import type { TrainSettings } from '../worker/messages';
import { backendNotice, describeError, isCancellation } from './describeError';
import type { SsldecConfig } from './SsldecConfig';
import { trainOnScribbles, TrainingInputError } from './trainOnScribbles';

/** What a session is built from. */
export interface SessionDependencies {
  ohif: OhifContext;
  config: SsldecConfig;
  createWorker(): WorkerLike;
  /** IndexedDB store; undefined where the browser has none (nothing then survives a reload). */
  persistence?: SessionStore;
  buildSeg: SegBuilder;
  algorithmVersion: string;
  /** Training schedule overrides (site tuning; short schedules in tests). */
  schedule?: TrainSettings['overrides'];
  now?: () => number;
}

interface Target {
  viewportId: string;
  displaySet: OhifDisplaySet;
  grid: SourceGrid;
  cs: CornerstoneLibraries;
}

/** The session; see file comment. */
export class SsldecSession {
  readonly store: PanelStore = createStore();
  private worker?: WorkerClient;
  private scribbleId?: string;
  /** The scribble segmentation being created, shared by concurrent callers. */
  private scribbleCreation?: Promise<string>;
  private predictionId?: string;
  private runningRequest?: number;
  private lastResult?: { prediction: Labelmap; confidence: Float32Array; backend: string; rounds: number };
  private gridCache?: { uid: string; grid: SourceGrid };
  private persistTimer?: ReturnType<typeof setTimeout>;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeDrift: () => void;

  constructor(private readonly deps: SessionDependencies) {
    const seg = deps.ohif.servicesManager.services.segmentationService;
    this.unsubscribe = onSegmentationEdited(seg, () => this.scribbleId, () => this.schedulePersist());
    const sub = seg.subscribe(seg.EVENTS.SEGMENTATION_MODIFIED, ({ segmentationId }) => {
      if (segmentationId !== undefined && segmentationId === this.scribbleId) void this.guard(() => this.repairScribbleState());
    });
    this.unsubscribeDrift = () => sub.unsubscribe();
  }

  /** Puts back the class segments and the chosen class's brush if OHIF reset them (see scribblesDrifted). */
  private repairScribbleState(): void {
    const { classes, activeClassValue } = this.store.getState();
    const seg = this.services.segmentationService;
    if (!this.scribbleId || !scribblesDrifted(seg, this.scribbleId, classes, activeClassValue)) return;
    this.syncSegments();
    if (activeClassValue !== undefined) seg.setActiveSegment(this.scribbleId, activeClassValue);
  }

  private get services() {
    return this.deps.ohif.servicesManager.services;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private dispatch(action: PanelAction): void {
    this.store.dispatch(action);
  }

  /** Shows an error in the panel and as an OHIF notification. */
  private fail(e: unknown, title?: string): void {
    const error = describeError(e, title);
    this.dispatch({ type: 'error/set', error });
    this.services.uiNotificationService?.show({ title: error.title, message: error.message, type: 'error' });
  }

  /** Runs `action`, turning any failure into a panel error. */
  private async guard(action: () => Promise<void> | void, title?: string): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.fail(e, title);
    }
  }

  private target(): Target {
    const { viewportId, displaySet } = activeImageDisplaySet(this.services);
    const cs = getCornerstoneLibraries(this.deps.ohif.extensionManager);
    if (this.gridCache?.uid !== displaySet.displaySetInstanceUID) {
      this.gridCache = { uid: displaySet.displaySetInstanceUID, grid: readSourceGrid(cs, displaySet) };
    }
    return { viewportId, displaySet, grid: this.gridCache.grid, cs };
  }

  private getWorker(): WorkerClient {
    this.worker ??= new WorkerClient(this.deps.createWorker());
    return this.worker;
  }

  private async ensureScribbleSegmentation(t: Target): Promise<string> {
    const seg = this.services.segmentationService;
    if (hasSegmentation(seg, this.scribbleId)) return this.scribbleId;
    // One creation at a time: quick clicks on "Add class" must not make several scribble segmentations (strokes
    // painted into an orphan one would be lost). Classes added while it is being created are synced afterwards.
    this.scribbleCreation ??= createScribbleSegmentation(seg, t.viewportId, t.displaySet, this.store.getState().classes)
      .finally(() => { this.scribbleCreation = undefined; });
    this.scribbleId = await this.scribbleCreation;
    this.syncSegments();
    return this.scribbleId;
  }

  private syncSegments(): void {
    if (!this.scribbleId) return;
    const t = this.target();
    syncScribbleSegments(this.services.segmentationService, t.viewportId, this.scribbleId, this.store.getState().classes);
  }

  /** Makes `value` the class being painted: creates the scribble segmentation if needed and activates the brush. */
  selectClass(value: number): Promise<void> {
    return this.guard(async () => {
      this.dispatch({ type: 'classes/select', value });
      const t = this.target();
      const id = await this.ensureScribbleSegmentation(t);
      activateBrushForClass(this.services.segmentationService, this.deps.ohif.commandsManager, t.viewportId, id, value, this.store.getState().brushSize);
      // Only the last click counts when several selections overlap while the segmentation is being created.
      if (this.store.getState().activeClassValue === value) this.dispatch({ type: 'brush/ready', value });
    });
  }

  /** Adds a class (named `name`, or "Class N") and selects it. */
  addClass(name?: string, color?: Rgb): Promise<void> {
    return this.guard(async () => {
      this.dispatch({ type: 'classes/add', name, color });
      this.syncSegments();
      const value = this.store.getState().activeClassValue;
      if (value !== undefined) await this.selectClass(value);
      this.schedulePersist();
    });
  }

  /** Renames, recolours or removes a class (and its scribble segment). */
  editClass(action: Extract<PanelAction, { type: 'classes/rename' | 'classes/recolour' | 'classes/remove' }>): Promise<void> {
    return this.guard(() => {
      this.dispatch(action);
      this.syncSegments();
      this.schedulePersist();
    });
  }

  /** Replaces the classes by the brain preset (CSF, grey matter, white matter, background) and selects CSF. */
  applyBrainPreset(): Promise<void> {
    return this.guard(async () => {
      this.dispatch({ type: 'classes/replace', classes: BRAIN_PRESET.map((c) => ({ ...c, color: [...c.color] as Rgb })) });
      this.syncSegments();
      await this.selectClass(BRAIN_PRESET[0].value);
      this.schedulePersist();
    });
  }

  /** Brush radius in mm for OHIF's brush tools. */
  setBrushSize(size: number): Promise<void> {
    return this.guard(() => {
      this.dispatch({ type: 'brush/size', size });
      setBrushSize(this.deps.ohif.commandsManager, size);
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
    try {
      const t = this.target();
      if (!hasSegmentation(this.services.segmentationService, this.scribbleId)) {
        throw new TrainingInputError('No scribbles yet: choose a class in the list, paint strokes for it and for another class, then press Train.', 'no-scribbles');
      }
      const outcome = await trainOnScribbles(
        {
          cs: t.cs, segmentationService: this.services.segmentationService, worker: this.getWorker(), store: this.store,
          config: this.deps.config, schedule: this.deps.schedule, grid: t.grid, scribbleSegmentationId: this.scribbleId, channelName: String(t.displaySet.Modality ?? 'image'),
          onStarted: (id) => (this.runningRequest = id),
        },
        continueTraining, options.factor ?? 1,
      );
      this.lastResult = outcome;
      this.dispatch({ type: 'training/progress', progress: { phase: 'writing', step: 1, total: 1, backend: outcome.backend } });
      await this.showPrediction(t);
      const classes = this.store.getState().classes;
      const maxValue = classes.reduce((m, c) => Math.max(m, c.value), 0);
      this.dispatch({ type: 'training/finished', backend: outcome.backend, voxelsPerClass: countLabels(outcome.prediction.data, maxValue), at: this.now() });
      this.dispatch({ type: 'notice/set', notice: [backendNotice(outcome.backend, outcome.backendReason), ...t.grid.warnings].filter(Boolean).join(' ') || undefined });
      await this.persistNow();
    } catch (e) {
      if (isCancellation(e)) this.dispatch({ type: 'training/cancelled' });
      else {
        this.dispatch({ type: 'training/failed', error: describeError(e, 'Training failed') });
        this.fail(e, 'Training failed');
      }
    } finally {
      this.runningRequest = undefined;
    }
  }

  /** Stops the running training (its result is discarded; the previous prediction stays). */
  cancel(): void {
    if (this.runningRequest !== undefined) this.worker?.cancel(this.runningRequest);
  }

  private async showPrediction(t: Target): Promise<void> {
    if (!this.lastResult) return;
    const seg = this.services.segmentationService;
    const classes = this.store.getState().classes;
    if (!hasSegmentation(seg, this.predictionId)) {
      this.predictionId = await createPredictionSegmentation(seg, t.viewportId, t.displaySet, classes);
    }
    const { showConfidence, confidenceThreshold, opacity } = this.store.getState().prediction;
    writeLabelmap(t.cs, seg, this.predictionId, overlayLabelmap(this.lastResult.prediction, this.lastResult.confidence, showConfidence, confidenceThreshold), t.grid.imageIdBySlice);
    setSegmentationOpacity(seg, t.viewportId, this.predictionId, opacity);
    keepBrushOnScribbles(seg, t.viewportId, this.scribbleId);
  }

  /** Overlay fill opacity, 0..1. */
  setOpacity(opacity: number): Promise<void> {
    return this.guard(() => {
      this.dispatch({ type: 'prediction/opacity', opacity });
      if (this.predictionId) setSegmentationOpacity(this.services.segmentationService, this.target().viewportId, this.predictionId, this.store.getState().prediction.opacity);
    });
  }

  /** Switches the overlay between classes and "low confidence" voxels. */
  setShowConfidence(show: boolean): Promise<void> {
    return this.guard(async () => {
      this.dispatch({ type: 'prediction/showConfidence', show });
      if (this.lastResult) await this.showPrediction(this.target());
    });
  }

  /**
   * Saves the last prediction (default) as a SEMIAUTOMATIC DICOM-SEG, or the scribbles as a MANUAL one, through the
   * active data source. Nothing is lost on failure: the result stays in the viewer and in IndexedDB.
   */
  async save(what: 'prediction' | 'scribbles' = 'prediction'): Promise<void> {
    this.dispatch({ type: 'save/started' });
    try {
      const t = this.target();
      const labelmap = what === 'prediction' ? this.lastResult?.prediction : this.currentScribbles(t);
      if (!labelmap) throw new ViewerNotReadyError(what === 'prediction' ? 'No prediction to save yet: press Train first.' : 'No scribbles to save yet: paint some strokes first.');
      const dataSource = this.deps.ohif.extensionManager.getActiveDataSource()[0];
      if (!dataSource) throw new ViewerNotReadyError('The viewer has no active data source to send the SEG to; check app-config.js.');
      const c = this.deps.config;
      const identity = await saveSegmentation(
        {
          dataSource, sourceInstances: t.displaySet.instances ?? [], prediction: labelmap, kind: what, classes: this.store.getState().classes,
          parameters: { backend: this.lastResult?.backend ?? 'none', rounds: this.lastResult?.rounds ?? 0, preset: c.preset ?? 'auto', seed: c.seed ?? 1 },
          algorithmVersion: this.deps.algorithmVersion,
        },
        this.deps.buildSeg,
      );
      const message = `Saved the ${what} to the PACS as a new SEG series ${identity.seriesInstanceUID} in study ${identity.studyInstanceUID}.`;
      this.dispatch({ type: 'save/succeeded', seriesInstanceUid: identity.seriesInstanceUID, sopInstanceUid: identity.sopInstanceUID, message });
      this.services.uiNotificationService?.show({ title: 'SSLDEC segmentation saved', message, type: 'success' });
    } catch (e) {
      const error = describeError(e, 'Save to PACS failed');
      this.dispatch({ type: 'save/failed', message: error.message });
      this.fail(e, 'Save to PACS failed');
      await this.persistNow().catch(() => undefined);
    }
  }

  private currentScribbles(t: Target): Labelmap | undefined {
    if (!hasSegmentation(this.services.segmentationService, this.scribbleId)) return undefined;
    return readScribbles(t.cs, this.services.segmentationService, this.scribbleId, t.grid.geometry, t.grid.sliceByImageId);
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
      await this.getWorker().loadModel(bytes);
      this.dispatch({ type: 'model/available', available: true });
      this.dispatch({ type: 'notice/set', notice: 'Model loaded: paint a few strokes and press Retrain to adapt it to this study.' });
    }, 'Loading the model failed');
  }

  private schedulePersist(): void {
    if (!this.deps.persistence) return;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => void this.persistNow().catch((e) => this.fail(e)), 800);
  }

  /** Writes classes, scribbles and the last prediction of the active series to IndexedDB now. */
  async persistNow(): Promise<void> {
    clearTimeout(this.persistTimer);
    const persistence = this.deps.persistence;
    if (!persistence) return;
    const t = this.target();
    const scribbles = this.currentScribbles(t)?.data;
    await persistence.save(sessionKey(t.displaySet.StudyInstanceUID, t.displaySet.SeriesInstanceUID), {
      classes: this.store.getState().classes, dimensions: t.grid.geometry.dimensions, scribbles,
      prediction: this.lastResult?.prediction.data, confidence: this.lastResult?.confidence, updatedAt: this.now(),
    });
  }

  /**
   * "Forget this study": deletes everything this browser keeps for the active study (every series' classes,
   * scribbles and prediction). A pending autosave is dropped first so it cannot write the study back; what is on
   * screen stays until the viewer is left, and is kept again only if the user paints on.
   */
  async forgetStudy(): Promise<void> {
    await this.guard(async () => {
      const persistence = this.deps.persistence;
      clearTimeout(this.persistTimer);
      if (!persistence) {
        this.dispatch({ type: 'notice/set', notice: 'This browser keeps nothing for this study (no IndexedDB).' });
        return;
      }
      const deleted = await persistence.forgetStudy(this.target().displaySet.StudyInstanceUID);
      this.dispatch({
        type: 'notice/set',
        notice: deleted
          ? `Deleted what this browser kept for this study (${deleted} series). Painting on keeps the new strokes again.`
          : 'This browser kept nothing for this study.',
      });
    }, 'Forgetting this study failed');
  }

  /**
   * Restores classes, scribbles and the last prediction of the active series from IndexedDB, if any were kept and
   * the user has not started working in this session: once they have, the kept record is their own autosave (or
   * older), and restoring it would overwrite the strokes painted since.
   */
  async restore(): Promise<boolean> {
    const persistence = this.deps.persistence;
    if (!persistence || this.hasStarted()) return false;
    const t = this.target();
    const record = await persistence.load(sessionKey(t.displaySet.StudyInstanceUID, t.displaySet.SeriesInstanceUID));
    if (!record || this.hasStarted()) return false;
    const dims = t.grid.geometry.dimensions;
    if (record.dimensions.some((d, a) => d !== dims[a])) return false; // another grid (series changed): ignore
    this.dispatch({ type: 'classes/replace', classes: record.classes });
    if (record.scribbles) {
      const id = await this.ensureScribbleSegmentation(t);
      writeLabelmap(t.cs, this.services.segmentationService, id, { ...t.grid.geometry, data: record.scribbles }, t.grid.imageIdBySlice);
    }
    if (record.prediction && record.confidence) {
      this.lastResult = { prediction: { ...t.grid.geometry, data: record.prediction }, confidence: record.confidence, backend: 'restored', rounds: 0 };
      await this.showPrediction(t);
      const maxValue = record.classes.reduce((m, c) => Math.max(m, c.value), 0);
      this.dispatch({ type: 'prediction/restored', voxelsPerClass: countLabels(record.prediction, maxValue) });
    }
    this.dispatch({ type: 'notice/set', notice: `Restored the scribbles${record.prediction ? ' and the last prediction' : ''} kept in this browser.` });
    return true;
  }

  /** Whether the user has classes or scribbles in this session already. */
  private hasStarted(): boolean {
    return this.store.getState().classes.length > 0 || this.scribbleId !== undefined || this.scribbleCreation !== undefined;
  }

  /**
   * Waits until the active viewport renders an image series (the panel mounts before the study has loaded), then
   * restores the kept session. Gives up silently after `timeoutMs` when no image series appears (nothing to restore
   * to); a failing restore is shown as a panel error.
   */
  async restoreWhenReady(timeoutMs = 30_000, intervalMs = 500): Promise<boolean> {
    if (!this.deps.persistence) return false;
    const deadline = this.now() + timeoutMs;
    for (;;) {
      let ready = false;
      try {
        const t = this.target();
        ready = (t.cs.cornerstone.getEnabledElementByViewportId(t.viewportId)?.viewport?.getImageIds?.().length ?? 0) > 0;
      } catch {
        ready = false; // no image series shown yet
      }
      if (ready) {
        try {
          return await this.restore();
        } catch (e) {
          this.fail(e, 'Could not restore the kept scribbles');
          return false;
        }
      }
      if (this.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Stops the worker and listeners. */
  dispose(): void {
    clearTimeout(this.persistTimer);
    this.unsubscribe();
    this.unsubscribeDrift();
    this.worker?.terminate();
    this.worker = undefined;
  }
}
