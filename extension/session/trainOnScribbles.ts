/**
 * One training run, from the viewer's voxels and scribbles to a prediction on the source grid (panel class values).
 * Reads through ohif/, trains in the worker, reports progress to the store. Writing the overlay is the caller's.
 */
import { voxelCount, type Labelmap, type Volume } from '../../src/volume/Volume';
import type { PanelStore } from '../state/createStore';
import { countLabels } from '../../src/ssldec/validateInputs';
import { engineClassMap, remapLabels } from '../state/engineClasses';
import type { OhifViewer, SameGridSeries, ViewerTarget } from '../ohif/OhifViewer';
import type { WorkerClient } from '../worker/WorkerClient';
import type { TrainSettings } from '../worker/messages';
import { trainSettings } from '../worker/trainSettings';
import { lowerResolutionFactor, maxVoxelsOf, type SsldecConfig } from './SsldecConfig';
import { downsampleLabels, downsampleVolume, reducedGeometry, upsampleNearest } from '../../src/volume/inPlaneResampling';

/** The panel's own check failed before anything was sent to the worker. */
export class TrainingInputError extends Error {
  /** @param lowerResolutionFactor for 'too-large': the in-plane factor N the message offers (train at 1/N). */
  constructor(message: string, readonly kind: 'no-scribbles' | 'one-class' | 'too-large' | 'classes-changed' | 'channels', readonly lowerResolutionFactor?: number) {
    super(message);
    this.name = 'TrainingInputError';
  }
}

/** Everything a run needs. */
export interface TrainContext {
  viewer: OhifViewer;
  target: ViewerTarget;
  worker: WorkerClient;
  store: PanelStore;
  config: SsldecConfig;
  schedule?: TrainSettings['overrides'];
  scribbleSegmentationId: string;
  channelName: string;
  /** Co-registered series on the same grid, read as further channels of the volume (T1 + T2, T1c + FLAIR). */
  extraChannels?: Pick<SameGridSeries, 'displaySet' | 'grid'>[];
  /** Called with the worker request id as soon as the run starts (for Cancel). */
  onStarted(requestId: number): void;
  /** Called once with the supervised model's prediction (panel values, source grid) while the SSLDEC rounds run. */
  onPreview?(preview: PredictionPreview): void;
}

/** A first prediction, shown while training goes on; it is never saved. */
export interface PredictionPreview {
  prediction: Labelmap;
  confidence: Float32Array;
  /** Seconds from the start of the worker's run. */
  seconds: number;
  /** Panel values of scribbled classes that no voxel of the preview has. */
  missingClassValues: number[];
}

/** A finished run. */
export interface TrainOutcome {
  /** Panel class values on the source grid. */
  prediction: Labelmap;
  confidence: Float32Array;
  backend: string;
  /** Why this backend, in words (from the worker's choice). */
  backendReason?: string;
  rounds: number;
  /** Panel values of scribbled classes that no voxel of the prediction has (the engine's missingClasses). */
  missingClassValues: number[];
  /** Names of the volume's channels, the active series first. */
  channelNames: string[];
  /** What the engine changed or left out (e.g. the geodesic prior off without a "Background" class), in words. */
  notes: string[];
  /**
   * The refined result, when the engine kept the run's first one (its class boundaries lie on stronger image edges):
   * the panel offers it as the other result. Absent when the refined result is the one kept.
   */
  refined?: { prediction: Labelmap; confidence: Float32Array; rounds: number; missingClassValues: number[] };
}

/**
 * The image a run trains on: the active series and the chosen extra channels, fresh arrays (they are transferred), at
 * 1/`factor` in-plane resolution where `factor` > 1.
 */
export async function readTrainingVolume(viewer: OhifViewer, target: ViewerTarget, channelName: string,
  extraChannels: TrainContext['extraChannels'] = [], factor = 1): Promise<Volume> {
  let volume = await viewer.readVolume(target, channelName);
  for (const extra of extraChannels) {
    // Same grid (OhifViewer.sameGridSeries), slices in the same order: channel c of voxel n is series c at n.
    const more = await viewer.readVolume(extra, extra.displaySet.SeriesDescription ?? extra.displaySet.SeriesInstanceUID);
    volume = { ...volume, channels: [...volume.channels, ...more.channels], channelNames: [...(volume.channelNames ?? []), ...(more.channelNames ?? [])] };
  }
  return factor > 1 ? downsampleVolume(volume, factor) : volume;
}

/** Runs training; `factor` > 1 trains at 1/factor in-plane resolution. Throws TrainingInputError or worker errors. */
export async function trainOnScribbles(ctx: TrainContext, continueTraining: boolean, factor = 1): Promise<TrainOutcome> {
  const { store } = ctx;
  const grid = ctx.target.grid;
  const classes = store.getState().classes;
  const map = engineClassMap(classes);
  let scribbles = ctx.viewer.readLabels(ctx.target, ctx.scribbleSegmentationId, (s) => map.toEngine[s] ?? 0);
  const counts = countLabels(scribbles);
  const scribbled = map.classes.filter((c) => counts[c.value] > 0);
  if (scribbled.length === 0) {
    throw new TrainingInputError('No scribbles yet: choose a class, paint a few strokes on it, do the same for another class, then press Train.', 'no-scribbles');
  }
  if (scribbled.length < 2) {
    throw new TrainingInputError(
      `Only "${scribbled[0].name}" has scribbles: SSLDEC needs strokes for at least two classes (e.g. tissue and background). Paint another class.`,
      'one-class',
    );
  }
  const voxels = voxelCount(grid.geometry);
  const needed = lowerResolutionFactor(voxels, ctx.config);
  if (factor < needed) {
    throw new TrainingInputError(
      `This series has ${voxels.toLocaleString('en')} voxels, more than the ${maxVoxelsOf(ctx.config).toLocaleString('en')} this device is set up for. ` +
        `Press "Train at lower resolution" to train at 1/${needed} in-plane resolution (the result is scaled back to full size).`,
      'too-large',
      needed,
    );
  }
  store.dispatch({ type: 'training/progress', progress: { phase: 'reading', step: 0, total: 1 } });
  const volume = await readTrainingVolume(ctx.viewer, ctx.target, ctx.channelName, ctx.extraChannels, factor);
  if (factor > 1) scribbles = downsampleLabels(scribbles, factor);
  const toPanelValues = (engineValues: number[]) => engineValues.map((v) => map.toPanel[v]).filter((v) => v > 0);
  // Engine values on the training grid → panel values on the source grid.
  const toSource = (labels: Uint8Array, conf: Float32Array): { prediction: Labelmap; confidence: Float32Array } => {
    let data = remapLabels(labels, map.toPanel);
    let confidence = conf;
    if (factor > 1) {
      const reduced = reducedGeometry(grid.geometry, factor);
      data = upsampleNearest(data, reduced, grid.geometry, factor);
      confidence = upsampleNearest(confidence, reduced, grid.geometry, factor);
    }
    return { prediction: { ...grid.geometry, data }, confidence };
  };
  const run = ctx.worker.train(
    volume, scribbles,
    trainSettings(ctx.config, ctx.schedule, map.classes, continueTraining),
    (p) => store.dispatch({
      type: 'training/progress',
      progress: { phase: p.phase, step: p.step, total: p.total, loss: p.loss, etaSeconds: p.etaSeconds, backend: p.backend, fraction: p.fraction, round: p.round, rounds: p.rounds },
    }),
    (p) => ctx.onPreview?.({
      ...toSource(p.prediction.data, p.confidence), seconds: p.seconds, missingClassValues: toPanelValues(p.missingClasses),
    }),
  );
  ctx.onStarted(run.requestId);
  const result = await run.result;
  const { prediction, confidence } = toSource(result.prediction.data, result.confidence);
  return {
    prediction, confidence, backend: result.backend, backendReason: result.backendReason, rounds: result.rounds,
    missingClassValues: toPanelValues(result.missingClasses ?? []),
    channelNames: volume.channelNames ?? [],
    notes: result.notes ?? [],
    ...(result.refined ? {
      refined: {
        ...toSource(result.refined.prediction.data, result.refined.confidence), rounds: result.refined.rounds,
        missingClassValues: toPanelValues(result.refined.missingClasses),
      },
    } : {}),
  };
}
