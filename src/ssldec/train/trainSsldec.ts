/**
 * trainSsldec: validate, pick the backend, build (or copy) the model, run the supervised phase, predict the whole
 * volume (the first result), run the SSLDEC rounds, predict it again (the refined result), and keep the one whose class
 * boundaries lie on the stronger image edges (TrainConfig.boundaryCheck). The caller's volume and scribbles are only
 * read. On error or cancellation every tensor made by the run is released.
 */
import { initBackend } from '../backend/initBackend';
import { toDeviceLostError } from '../backend/toDeviceLostError';
import type { Labelmap, Volume } from '../../volume/Volume';
import { createSsldecModel } from '../model/buildFcn';
import { MODEL_PRESETS, type ModelConfig } from '../model/ModelConfig';
import type { SsldecModel } from '../model/SsldecModel';
import { featureBytes, volumeSource } from '../data/volumeSource';
import { voxelCount } from '../../volume/Volume';
import { defaultIntensityWindows } from '../data/modality';
import { positionAxes } from '../data/positionAxes';
import { geodesicPriorApplies, isBackgroundClass } from '../infer/geodesicPrior';
import { predictFromSource, type PassReuse } from '../infer/predictVolume';
import { boundarySteps } from '../infer/boundaryStep';
import { ModelMismatchError } from '../errors';
import { presetForBackend, type ClassInfo, type PresetName, type TrainProgress } from '../types';
import type { OtherResult, TrainResult } from './TrainResult';
import { Adam } from './adam';
import { PatchSampler } from './PatchSampler';
import { resolveTrainConfig, type TrainConfig } from './TrainConfig';
import type { TrainOptions } from './TrainOptions';
import { supervisedPhase } from './supervisedPhase';
import { sslRounds } from './sslRounds';
import { growthGuardNote } from './growthGuard';
import type { TrainingContext } from './TrainingContext';
import { countLabels, resolveClasses, validateModelForVolume, validateSameGrid, validateVolume } from '../validateInputs';

/** Most bytes of filter-bank features a preset model may take (a browser tab holds a few GiB of arrays). */
export const FEATURE_BUDGET_BYTES = 1536 * 2 ** 20;

/** Classes with scribbles (`scribbled`: voxels per label value, countLabels) but without a single predicted voxel. */
export function missingClasses(classes: ClassInfo[], scribbled: Uint32Array, prediction: Labelmap): ClassInfo[] {
  const predicted = countLabels(prediction);
  return classes.filter((c) => scribbled[c.value] > 0 && predicted[c.value] === 0);
}

/**
 * The config of a new model for this volume (preset, CT windows, the caller's overrides), without position axes (they
 * come from the scribbles), and what it left out, in words.
 */
export function newModelConfig(volume: Volume, options: Pick<TrainOptions, 'model'>, preset: PresetName,
  numClasses: number): { config: ModelConfig; notes: string[] } {
  const config: ModelConfig = {
    ...MODEL_PRESETS[preset], intensityWindows: defaultIntensityWindows(volume), ...options.model,
    inputChannels: volume.channels.length, numClasses,
  };
  const notes: string[] = [];
  // Choosing a kind without a slice stack gets the kind's natural stack (3 for '2.5d', 1 otherwise).
  if (options.model?.kind && options.model.sliceStack === undefined) config.sliceStack = config.kind === '2.5d' ? 3 : 1;
  // The geodesic prior reads the geodesic inputs' distances: a model without them has no prior.
  if (!config.geodesicInputs) config.geodesicPrior = 0;
  // The preset's filter bank keeps full-size arrays; on a volume where they would not fit a browser tab, go without.
  const bytes = featureBytes(config, voxelCount(volume));
  if (options.model?.filterScales === undefined && bytes > FEATURE_BUDGET_BYTES) {
    notes.push(`Filter-bank inputs left out: they would take ${Math.round(bytes / 2 ** 20)} MiB on this ` +
      `${volume.dimensions.join('x')} volume (budget ${FEATURE_BUDGET_BYTES / 2 ** 20} MiB); crop the volume to the region of interest to use them.`);
    config.filterScales = [];
  }
  return { config, notes };
}

/** Why the run's result is its first one, in words. */
function keptFirstNote(steps: { first: number; refined: number }): string {
  const more = steps.refined > 0 ? `${(steps.first / steps.refined).toFixed(2)} times as much` : 'more';
  return `Kept the first result (before the SSLDEC rounds): the image changes ${more} across its class boundaries ` +
    "as across the refined result's, so the first follows the image's edges more closely.";
}

/**
 * Trains an SSLDEC segmentation model on one volume from sparse scribbles and segments the volume.
 * @param volume image, one or more channels on one grid.
 * @param scribbles same grid; 0 = unlabelled, 1..K = class. At least two classes must be scribbled.
 * @returns the model (caller disposes), prediction, confidence, backend, rounds, progress history, timings (s).
 * @throws InsufficientScribblesError, GeometryMismatchError, InvalidVolumeError, ModelMismatchError,
 *   UnknownBackendError, TrainingCancelledError.
 */
export async function trainSsldec(volume: Volume, scribbles: Labelmap, options: TrainOptions = {}): Promise<TrainResult> {
  const started = performance.now();
  validateVolume(volume);
  validateSameGrid(volume, scribbles);
  if (options.initialModel) validateModelForVolume(options.initialModel, volume);
  const scribbled = countLabels(scribbles);
  const classes = resolveClasses(scribbled, options.classes, options.initialModel);
  const backend = await initBackend(options.backend);
  const preset = options.preset ?? presetForBackend(backend);
  const config = resolveTrainConfig(options, preset);
  const seed = options.seed ?? 1;
  let modelConfig: ModelConfig;
  const notes: string[] = [];
  if (options.initialModel) {
    modelConfig = options.initialModel.config;
  } else {
    const made = newModelConfig(volume, options, preset, classes.length);
    modelConfig = made.config;
    notes.push(...made.notes);
    if (modelConfig.positionInputs && !modelConfig.positionAxes) modelConfig.positionAxes = positionAxes(scribbles);
  }
  if (modelConfig.geodesicPrior && !geodesicPriorApplies(classes)) {
    notes.push('Geodesic prior off: no class is named "Background". It gives the voxels far from every other class\'s ' +
      'strokes to the background class; name the class of everything else "Background" to use it.');
  } else if (modelConfig.appearancePrior && !geodesicPriorApplies(classes)) {
    notes.push('Appearance prior off: no class is named "Background". It gives the voxels that look unlike every other ' +
      'class\'s strokes to the background class; name the class of everything else "Background" to use it.');
  } else if (modelConfig.geodesicPrior && geodesicPriorApplies(classes)) {
    // A Background added but never painted (the panel's "+ Add Background", then Train): the prior still gives it
    // the far voxels, but the network never learnt its look (one bench draw each: liver 0.723 → 0.861 against no
    // prior, aorta/T12 0.771 → 0.740; painted, 0.888 and 0.811).
    const background = classes.filter(isBackgroundClass);
    if (background.every((c) => scribbled[c.value] === 0)) {
      notes.push(`No strokes for "${background[0].name}": it only gets what lies far from every other class's strokes. ` +
        'Paint a few strokes of it on what is none of your classes for a better result.');
    }
  }
  if (backend === 'wasm' && modelConfig.kind === '3d') {
    throw new ModelMismatchError("3D models cannot train on the wasm backend: its Conv3DBackpropInputV2 is wrong in " +
      "TF.js 4.22.0. Use kind '2.5d' or backend 'cpu'/'webgpu'.");
  }
  const history: TrainProgress[] = [];
  let model: SsldecModel | undefined;
  let optimizer: Adam | undefined;
  let firstPrediction: number | undefined;
  // The first result's model (the supervised one), kept while the rounds change `model`.
  let firstModel: SsldecModel | undefined;
  try {
    model = options.initialModel ? options.initialModel.clone() : createSsldecModel(modelConfig, classes, seed);
    optimizer = new Adam(model.variables());
    const source = await volumeSource(model, volume, scribbles.data, true, options.filterBankCache, options.setupRunner);
    const sampler = new PatchSampler(model.config, config, source, scribbles.data, seed);
    const totalSteps = config.supervisedSteps + (options.mode === 'supervised' ? 0 : config.maxRounds * config.roundSteps);
    let stepsDone = 0;
    const stepStart = performance.now();
    const emit: TrainingContext['emit'] = (p) => {
      if (p.phase === 'supervised' || p.phase === 'ssldec') stepsDone++;
      const perStep = (performance.now() - stepStart) / 1000 / Math.max(1, stepsDone);
      const event: TrainProgress = { ...p, backend, etaSeconds: perStep * Math.max(0, totalSteps - stepsDone) };
      history.push(event);
      options.onProgress?.(event);
    };
    emit({ phase: 'setup', step: 1, total: 1 });
    const ctx: TrainingContext = {
      model, config, sampler, source, scribbles: scribbles.data, optimizer, backend, signal: options.signal, emit,
    };
    await supervisedPhase(ctx);
    // The whole volume through the current model, its tiles reported as `phase` (scribbles kept by the clean-up).
    const trained = model;
    // The preview's image-only work (the appearance prior's distances, the clean-up's edge weights) serves the final pass.
    const reuse: PassReuse = {};
    const predictAll = (phase: 'preview' | 'inference') => predictFromSource(trained, source, volume, {
      signal: options.signal, fixedLabels: scribbles.data, reuse,
      onProgress: (p) => { const e = { ...p, phase }; history.push(e); options.onProgress?.(e); },
    });
    const ssldec = options.mode !== 'supervised';
    // The first result: the caller's preview, and the boundary check's other candidate (TrainConfig.boundaryCheck).
    let first: OtherResult | undefined;
    if (ssldec && (options.onPreview || config.boundaryCheck)) {
      const preview = await predictAll('preview');
      const firstMissing = missingClasses(classes, scribbled, preview.labelmap);
      if (config.boundaryCheck || options.keepOtherModel) firstModel = model.clone();
      if (config.boundaryCheck) {
        // A caller given the preview may change or transfer its arrays (the CLI clears slices, a worker posts them).
        const own = options.onPreview !== undefined;
        first = {
          prediction: own ? { ...preview.labelmap, data: preview.labelmap.data.slice() } : preview.labelmap,
          confidence: own ? preview.confidence.slice() : preview.confidence, rounds: 0, missingClasses: firstMissing,
        };
      }
      if (options.onPreview) {
        firstPrediction = (performance.now() - started) / 1000;
        options.onPreview({ prediction: preview.labelmap, confidence: preview.confidence, seconds: firstPrediction, missingClasses: firstMissing });
      }
    }
    const outcome = ssldec ? await sslRounds(ctx) : { rounds: 0 };
    const stop = outcome.stoppedByGrowth;
    if (stop) notes.push(growthGuardNote(trained.classes, stop));
    const refined = await predictAll('inference');
    const refinedResult: OtherResult = {
      prediction: refined.labelmap, confidence: refined.confidence, rounds: outcome.rounds,
      missingClasses: missingClasses(classes, scribbled, refined.labelmap),
    };
    const steps = first && boundarySteps(volume, first.prediction.data, refined.labelmap.data);
    const keepFirst = steps !== undefined && steps.first > steps.refined;
    if (keepFirst) notes.push(keptFirstNote(steps));
    const kept = keepFirst ? first! : refinedResult;
    // The model of the result kept, and the other one's when the caller asked for it.
    const [keptModel, otherModel] = keepFirst ? [firstModel!, model] : [model, firstModel];
    if (otherModel && !options.keepOtherModel) otherModel.dispose();
    const total = (performance.now() - started) / 1000;
    return {
      model: keptModel, ...(otherModel && options.keepOtherModel ? { otherModel } : {}),
      prediction: kept.prediction, confidence: kept.confidence, backend, rounds: kept.rounds, history,
      ...(steps ? { kept: keepFirst ? 'first' as const : 'refined' as const, boundarySteps: steps } : {}),
      ...(keepFirst ? { refined: refinedResult } : {}),
      ...(stop ? { growthStop: { value: trained.classes[stop.index].value, growth: stop.growth, keptRounds: stop.keptRounds } } : {}),
      missingClasses: kept.missingClasses, notes: [...notes, ...(refined.notes ?? [])],
      seconds: { total, firstPrediction: firstPrediction ?? total },
    };
  } catch (e) {
    model?.dispose();
    firstModel?.dispose();
    throw toDeviceLostError(e, backend);
  } finally {
    optimizer?.dispose();
  }
}
