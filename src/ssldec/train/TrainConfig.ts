/**
 * Every training setting with its default (like tfjs-layers' ModelFitArgs). Presets size the schedule;
 * explicit TrainOptions fields override them.
 */

import type { PresetName } from '../types';

/** How the SSLDEC target p re-weights classes (see targetDistribution.ts). */
export type TargetPrior =
  /** Paper/DEC: divide by soft frequencies f_j, pushing towards equal class sizes. */
  | 'balanced'
  /** Keep the class proportions the supervised model found at the first round (default; robust to imbalance). */
  | 'initial'
  /** Halfway (geometric mean) between 'initial' and 'balanced': π ∝ sqrt(π_initial / K); some balancing pressure. */
  | 'tempered';

export interface TrainConfig {
  /** In-plane patch edge in voxels for training (default 32). */
  patchSize: number;
  /** Patch depth in slices for '3d' models (default 8). */
  patchDepth: number;
  /** Patches per optimisation step (default 8). */
  batchSize: number;
  /**
   * Scribbled voxels per step of the supervised phase of a per-voxel network ('2d', no spatial layers), drawn
   * class-balanced; 0 (every preset): batchSize patches around scribbled voxels, as networks with spatial context
   * always get and the SSLDEC rounds' labelled steps do. 1024 reaches the first result 24–44 % sooner and moved the
   * suite little, but lost on the held-out cases (src/ssldec/README.md, "Supervised steps on scribbled voxels").
   */
  labelledVoxels: number;
  /** Optimisation steps of the supervised phase (default preset: 200; cpu: 120; tiny: 40). */
  supervisedSteps: number;
  /** Adam learning rate at the start; decays linearly to `finalLearningRate` over the supervised phase (default 1e-2; tiny 5e-2). */
  learningRate: number;
  /** Learning rate at the end of the supervised phase (default 1e-3; tiny 1e-2). */
  finalLearningRate: number;
  /** Constant learning rate of the SSLDEC rounds (default 1e-3, the end of the supervised decay: higher rates made the
   *  GM/WM boundary of the real brain drift from round to round; tiny 2e-2). */
  roundLearningRate: number;
  /** L2 weight decay on convolution kernels (default and cpu 1e-2: 1e-4 let the filter-bank inputs overfit the scribbles; tiny 1e-4). */
  l2: number;
  /** Maximum SSLDEC rounds (default 10; most runs use all 10). 20 raised FS GM/WM but cost the held-out cases
   *  (src/ssldec/README.md, "A pool of doubtful patches, more rounds, the rounds' weights averaged"). */
  maxRounds: number;
  /** Stop when the share of sampled unlabelled voxels changing class falls below this (default 0.001 = 0.1 %). */
  tolerance: number;
  /** Optimisation steps per SSLDEC round, alternating unlabelled and labelled batches (default 20). */
  roundSteps: number;
  /** Unlabelled patches sampled once across the volume; q, f, p and the changed share are computed on them (default 48). */
  unlabelledPatches: number;
  /** Class weighting of the target distribution (default 'initial'). */
  targetPrior: TargetPrior;
  /** Weight of the unlabelled KL(P||Q) loss relative to the labelled cross-entropy (default 1). */
  unlabelledWeight: number;
  /**
   * Weight of the edge-weighted Potts loss on the unlabelled patches of the SSLDEC rounds (losses.ts,
   * edgeWeightedPotts); 0 turns it off. Default and cpu 3: without position inputs it beat 1 on all 12 draws of the
   * suite's screening (src/ssldec/README.md); with them, 3 had wiped out the thin GM class on one FS brain draw.
   * Tiny 0.
   */
  pottsWeight: number;
  /**
   * The rounds stop, and keep the weights of the last round that passed, when a class's share of the pool's
   * unlabelled voxels, as the prediction calls them (q times its priors, poolAsPredicted.ts), grows past this multiple
   * of its share in the first round (growthGuard.ts); 0 turns the guard off. Default 1.5.
   */
  growthGuard: number;
  /**
   * After the rounds, keep the first result (the supervised model's, before the rounds) instead of the refined one
   * when the image changes more across the first's class boundaries (infer/boundaryStep.ts); the other stays on offer
   * (TrainResult.refined). Costs one whole-volume pass when the caller asked for no preview. Default true: over the
   * nine bench cases it raised the held-out mean on seeds 1–5 and, unchanged, on seeds 6–10 (src/ssldec/README.md).
   */
  boundaryCheck: boolean;
}

/** The 'default' preset (sized for a GPU; wasm runs it too); the other presets list only what they change. */
const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  patchSize: 32, patchDepth: 8, batchSize: 8, supervisedSteps: 200, learningRate: 1e-2, finalLearningRate: 1e-3, roundLearningRate: 1e-3,
  l2: 1e-2, maxRounds: 10, tolerance: 1e-3, roundSteps: 20, unlabelledPatches: 48, targetPrior: 'initial',
  unlabelledWeight: 1, pottsWeight: 3, labelledVoxels: 0, growthGuard: 1.5,
  boundaryCheck: true,
};

const TRAIN_KEYS = Object.keys(DEFAULT_TRAIN_CONFIG) as (keyof TrainConfig)[];

/** The schedule a run gets: the preset's values overridden by the options' explicit TrainConfig fields. */
export function resolveTrainConfig(options: Partial<TrainConfig>, preset: PresetName): TrainConfig {
  const config = { ...TRAIN_PRESETS[preset] };
  for (const key of TRAIN_KEYS) {
    const value = options[key];
    if (value !== undefined) (config as Record<string, unknown>)[key] = value;
  }
  return config;
}

export const TRAIN_PRESETS: Record<PresetName, TrainConfig> = {
  default: DEFAULT_TRAIN_CONFIG,
  // The plain-JS cpu backend (wasm gets 'default'): fewer steps, rounds and unlabelled patches.
  cpu: { ...DEFAULT_TRAIN_CONFIG, supervisedSteps: 120, maxRounds: 6, roundSteps: 15, unlabelledPatches: 32 },
  // Tests and a quick look: small batches of small patches, few steps at higher rates.
  tiny: {
    ...DEFAULT_TRAIN_CONFIG, patchSize: 24, patchDepth: 6, batchSize: 4, supervisedSteps: 40, learningRate: 5e-2, finalLearningRate: 1e-2,
    roundLearningRate: 2e-2, maxRounds: 3, roundSteps: 8, unlabelledPatches: 12, l2: 1e-4, pottsWeight: 0,
  },
};
