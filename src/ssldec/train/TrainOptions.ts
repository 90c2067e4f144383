/** Options of trainSsldec. Every field is optional; defaults come from the preset (TrainConfig.ts, ModelConfig.ts). */
import type { SsldecModel } from '../model/SsldecModel';
import type { ModelConfig } from '../model/ModelConfig';
import type { BackendName, ClassInfo, PresetName, TrainProgress } from '../types';
import type { TrainConfig } from './TrainConfig';
import type { TrainPreview } from './TrainResult';
import type { FilterBankCache } from '../data/FilterBankCache';
import type { SetupRunner } from '../data/setupSchedule';

export interface TrainOptions extends Partial<TrainConfig> {
  /** The K classes, values 1..K. Default: one per value 1..max(scribbles), named "Class v". */
  classes?: ClassInfo[];
  /** Backend; default webgpu -> webgl -> cpu (see initBackend). */
  backend?: BackendName;
  /** Seed of weights and patch sampling; same seed, same result on cpu (default 1). */
  seed?: number;
  /** 'ssldec' (default): supervised phase then SSLDEC rounds; 'supervised': the supervised phase only. */
  mode?: 'ssldec' | 'supervised';
  /** Size preset: 'default' (GPU, wasm), 'cpu' (the plain-JS cpu backend), 'tiny' (tests). Default: presetForBackend. */
  preset?: PresetName;
  /** Architecture overrides on top of the preset ('kind', 'depth', 'width', ...). */
  model?: Partial<ModelConfig>;
  /** Continue training this model with the new scribbles; its architecture and classes are kept. Not modified: a copy is trained. */
  initialModel?: SsldecModel;
  /** Cancels within one optimisation step; rejects with TrainingCancelledError and frees every tensor. */
  signal?: AbortSignal;
  /** Called after each step, round and inference tile. */
  onProgress?: (p: TrainProgress) => void;
  /**
   * In 'ssldec' mode: called once with the supervised model's prediction of the whole volume (clean-up included),
   * before the SSLDEC rounds refine it, so a viewer can show a first result while training goes on. The pass
   * (progress phase 'preview') is made anyway when TrainConfig.boundaryCheck is on, otherwise it costs one more.
   */
  onPreview?: (preview: TrainPreview) => void;
  /**
   * When the run made a first result (onPreview or TrainConfig.boundaryCheck): hand back the model of the result not
   * kept as TrainResult.otherModel, so a viewer can offer the other result (on some anatomy the supervised model does
   * better; src/ssldec/README.md).
   */
  keepOtherModel?: boolean;
  /**
   * The filter bank of the last image trained on, reused when this run's image and settings are the same (a
   * correction or Retrain on the same series). Absent: computed afresh.
   */
  filterBankCache?: FilterBankCache;
  /**
   * A second thread for the set-up (`setupRunnerOn`, data/setupThread.ts; the viewer's worker and the CLI give one):
   * it shares the filter bank's scales and the geodesic distances' Dijkstra runs with this thread
   * (data/setupSchedule.ts). Absent: all here. The inputs are the same either way.
   */
  setupRunner?: SetupRunner;
}
