import type { Labelmap } from '../../volume/Volume';
import type { SsldecModel } from '../model/SsldecModel';
import type { ClassInfo, TrainProgress } from '../types';

/** The growth guard's stop (TrainConfig.growthGuard): the class value that spread, its growth on the pool against the
 *  first round, and the rounds whose network the result keeps. */
export interface GrowthStop {
  value: number;
  growth: number;
  keptRounds: number;
}

/** One of a run's two results, first or refined (TrainResult.kept); TrainResult.refined is the refined one when the first was kept. */
export interface OtherResult {
  prediction: Labelmap;
  confidence: Float32Array;
  /** SSLDEC rounds behind it. */
  rounds: number;
  missingClasses: ClassInfo[];
}

/** What {@link trainSsldec} returns. The caller owns `model` (and `otherModel`) and must `dispose()` it. */
export interface TrainResult {
  /** The model of the kept result. */
  model: SsldecModel;
  /**
   * The model of the other result: the first's when the refined result is kept, the refined one's when the first is
   * (only with TrainOptions.keepOtherModel and a first result).
   */
  otherModel?: SsldecModel;
  /** Predicted class (1..K) of every voxel, on the volume's grid. */
  prediction: Labelmap;
  /** max_j q_ij per voxel (0..1), flat index like the volume. */
  confidence: Float32Array;
  /** Backend the run used. */
  backend: string;
  /**
   * SSLDEC rounds behind the kept result: 0 in supervised mode and when the first result is kept; when the growth
   * guard stopped them, the rounds whose network it kept.
   */
  rounds: number;
  /**
   * Which of the run's two results `prediction` is, when the run compared them (TrainConfig.boundaryCheck): 'first'
   * (the supervised model's, before the rounds) when the image changes more across its class boundaries than across
   * the refined result's, otherwise 'refined'. `notes` says it when the first is kept.
   */
  kept?: 'first' | 'refined';
  /** The mean scaled image step across each result's class boundaries (infer/boundaryStep.ts), when compared. */
  boundarySteps?: { first: number; refined: number };
  /** The refined result, when the first was kept: a viewer offers it as the other one. */
  refined?: OtherResult;
  /** Set when the growth guard stopped the SSLDEC rounds; `notes` says it in words. */
  growthStop?: GrowthStop;
  /** Every progress event of the run, in order. */
  history: TrainProgress[];
  /**
   * Scribbled classes that no voxel of the prediction has (empty when every scribbled class appears). A class can
   * vanish when its strokes look like another class to the model; callers must tell the user (more strokes help).
   */
  missingClasses: ClassInfo[];
  /** What the engine changed from the asked configuration and why (e.g. filter-bank inputs left out on a huge volume). */
  notes: string[];
  /**
   * Wall-clock seconds from the start: total, and to the first whole-volume prediction the caller got (the preview
   * when onPreview was given, otherwise the final prediction).
   */
  seconds: { total: number; firstPrediction: number };
}

/** The supervised model's prediction, before the SSLDEC rounds (TrainOptions.onPreview). */
export interface TrainPreview {
  /** Predicted class (1..K) of every voxel, on the volume's grid; the caller may keep it (the run does not reuse it). */
  prediction: Labelmap;
  /** max_j q_ij per voxel (0..1). */
  confidence: Float32Array;
  /** Scribbled classes without a predicted voxel in this preview. */
  missingClasses: ClassInfo[];
  /** Seconds from the start of the run. */
  seconds: number;
}
