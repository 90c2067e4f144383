/**
 * SSLDEC engine: train a semi-supervised segmentation network from sparse scribbles on one volume, predict every
 * voxel, save/load the model. Runs in Node and in a browser Web Worker (no Node-only imports). See README.md.
 */
export type { ClassInfo, BackendName, PresetName, TrainPhase, TrainProgress, PredictOptions, PredictResult } from './types';
export type { GrowthStop, OtherResult, TrainPreview, TrainResult } from './train/TrainResult';
export type { TrainOptions } from './train/TrainOptions';
export type { TrainConfig, TargetPrior } from './train/TrainConfig';
export { resolveTrainConfig, TRAIN_PRESETS } from './train/TrainConfig';
export type { ModelConfig, ModelKind } from './model/ModelConfig';
export { MODEL_PRESETS } from './model/ModelConfig';
export { SsldecModel } from './model/SsldecModel';
export type { NormalisationSpec } from './model/SsldecModel';
export { trainSsldec } from './train/trainSsldec';
export { FilterBankCache } from './data/FilterBankCache';
export { prepareFilterBank } from './train/prepareFilterBank';
export { setupRunnerOn } from './data/setupThread';
export type { JobPort } from './data/setupThread';
export type { SetupRunner } from './data/setupSchedule';
export { predictVolume } from './infer/predictVolume';
export { leastConfidentSlice, scribbledSlices, UNSURE_BELOW } from './infer/leastConfidentSlice';
export type { DoubtfulSlice } from './infer/leastConfidentSlice';
export { mostChangedSlice, offersMovedSlice } from './infer/mostChangedSlice';
export type { ChangedSlice } from './infer/mostChangedSlice';
export { keptPercent, refinementChanges, SHRUNK_SHARE, GROWN_FACTOR } from './infer/refinementChanges';
export { countLabels } from './validateInputs';
export type { RefinementChange } from './infer/refinementChanges';
export { saveModel, loadModel, MODEL_FORMAT_VERSION } from './io/modelArtefact';
export { initBackend } from './backend/initBackend';
export { BACKEND_NAMES, PRESET_NAMES, presetForBackend } from './types';
export {
  SsldecError, InsufficientScribblesError, GeometryMismatchError, InvalidVolumeError, ModelMismatchError,
  UnknownBackendError, ModelFormatError, TrainingCancelledError, DeviceLostError,
} from './errors';
