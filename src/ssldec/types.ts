/**
 * Public data types of the SSLDEC engine: classes, backends, progress events and prediction results (a training
 * run's result, which holds the model, is train/TrainResult.ts: this file imports no layer of the engine).
 * The engine's image types (Volume, Labelmap) live in src/volume/Volume.ts.
 */
import type { Labelmap } from '../volume/Volume';

/** One user class. `value` is its label in scribbles and predictions (1..K, contiguous). */
export interface ClassInfo {
  /** Label value in the labelmap, 1..K. */
  value: number;
  /** Human-readable name ("Grey matter"). */
  name: string;
  /** Display colour, RGB 0..255. */
  color?: [number, number, number];
  /**
   * The catch-all class ("everything else"), which the geodesic prior gives the voxels far from every other class's
   * strokes (infer/geodesicPrior.ts). Absent: true when the name starts with the word "background", as SEG export
   * reads it.
   */
  background?: boolean;
}

/** TensorFlow.js backends the engine can run on (the one list: CLI, panel settings and initBackend check against it). */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * Size presets of model and schedule: 'default' for a GPU or wasm, 'cpu' for TF.js's plain-JS cpu backend, 'tiny'
 * for tests and a quick look (values: MODEL_PRESETS in model/ModelConfig.ts, TRAIN_PRESETS in train/TrainConfig.ts).
 */
export const PRESET_NAMES = ['default', 'cpu', 'tiny'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * The preset a run gets when none is asked for. wasm runs the default model: on the bench suite its width 32 beat
 * the 'cpu' preset's 16 by 0.05 mean Dice on both brain cases (3 seeds; src/ssldec/README.md) and the FS brain crop
 * still trains and predicts in about 40 s on 2 cores. Only the plain-JS cpu backend, several times slower, gets 'cpu'.
 */
export function presetForBackend(backend: string | undefined): PresetName {
  return backend === 'cpu' ? 'cpu' : 'default';
}

/**
 * Phases of a training run, in order. 'preview': tiles of the supervised model's whole-volume prediction, made
 * before the SSLDEC rounds only when the caller asks for one (TrainOptions.onPreview).
 */
export type TrainPhase = 'setup' | 'supervised' | 'preview' | 'ssldec' | 'inference';

/** A progress event, emitted at most once per optimisation step or inference tile. */
export interface TrainProgress {
  phase: TrainPhase;
  /** Steps (or tiles) done in this phase, 1..total. */
  step: number;
  /** Steps (or tiles) in this phase. */
  total: number;
  /** SSLDEC round, 1-based (ssldec phase only). */
  round?: number;
  /** Mean loss of the last step (masked cross-entropy or KL(P||Q) + labelled cross-entropy), nats. */
  loss?: number;
  /** Share (0..1) of scribbled voxels in the last labelled batch that the model classifies correctly. */
  labelledAccuracy?: number;
  /** Share (0..1) of sampled unlabelled voxels whose predicted class changed in the last round. */
  changedShare?: number;
  /** Estimated seconds left for the whole run. */
  etaSeconds?: number;
  /**
   * On a whole-volume pass's last part: seconds of the pass spent on work that the run's next pass reads instead of
   * computing again (the preview's image-only work, infer/predictVolume.ts `PassReuse`).
   */
  reusableSeconds?: number;
  /** Backend in use ('cpu', 'webgpu', ...). */
  backend: string;
}

/** Options of {@link predictVolume}. */
export interface PredictOptions {
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Upper bound on voxels (with halo) per inference tile; default 2^19 (DEFAULT_MAX_TILE_VOXELS, about 0.5 M). */
  maxTileVoxels?: number;
  /**
   * Scribbles on the volume's grid (labels 1..K): required by a model with geodesic inputs, which reads the
   * distance to them; the clean-up keeps them fixed.
   */
  scribbles?: Labelmap;
}

/** What {@link predictVolume} returns. */
export interface PredictResult {
  /** Predicted class (1..K) of every voxel. */
  labelmap: Labelmap;
  /** max_j q_ij per voxel (0..1). */
  confidence: Float32Array;
  /** What inference left out and why (e.g. the Potts clean-up on a volume too large for it); absent when nothing. */
  notes?: string[];
}
