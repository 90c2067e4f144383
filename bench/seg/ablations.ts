/**
 * Ablations of the engine default: each is a named set of TrainOptions overrides, run on the same scribbles as the
 * default so the table shows what each ingredient is worth. Add one by appending an entry; its `name` becomes a
 * method name for --methods. Nested `model` overrides are merged over the default model.
 */
import type { TrainOptions } from '../../src/ssldec';

/** Overrides a bench may set: everything but the run's own plumbing (classes, backend, seed, callbacks). */
export type EngineOverrides = Omit<TrainOptions, 'classes' | 'backend' | 'seed' | 'signal' | 'onProgress' | 'initialModel'>;

export interface Ablation {
  /** Method name on the command line and in the JSON (lower-case, dashes). */
  name: string;
  /** What it changes against the default, for the table. */
  label: string;
  options: EngineOverrides;
  /** 'supervised': the variant's network without the SSLDEC rounds (default 'ssldec'). */
  mode?: 'ssldec' | 'supervised';
}

export const ABLATIONS: readonly Ablation[] = [
  { name: 'prior-balanced', label: "default with the paper's class-balancing target prior", options: { targetPrior: 'balanced' } },
  { name: 'no-potts', label: 'default without the edge-weighted Potts loss in the rounds', options: { pottsWeight: 0 } },
  { name: 'potts-1', label: 'default with the Potts loss at weight 1 (not 3; the default until main bdaffff)', options: { pottsWeight: 1 } },
  { name: 'potts-6', label: 'default with the Potts loss at weight 6 (not 3)', options: { pottsWeight: 6 } },
  { name: 'no-growth-guard', label: "default without the rounds' growth guard (the rounds run on when a class floods the pool; the default before main's guard)", options: { growthGuard: 0 } },
  { name: 'no-boundary-check', label: 'default that always keeps the refined result (no check of the first against it; the default before main\'s check)', options: { boundaryCheck: false } },
  { name: 'growth-guard-1.4', label: "default with the rounds' growth guard at 1.4 (not 1.5) times a class's first-round share", options: { growthGuard: 1.4 } },
  { name: 'growth-guard-1.25', label: "default with the rounds' growth guard at 1.25 (not 1.5) times a class's first-round share", options: { growthGuard: 1.25 } },
  { name: 'rounds-5', label: 'default with at most 5 SSLDEC rounds (not 10)', options: { maxRounds: 5 } },
  { name: 'rounds-40', label: 'default with 40 steps per SSLDEC round (not 20)', options: { roundSteps: 40 } },
  { name: 'supervised-voxels', label: 'default with each supervised step on 1024 class-balanced scribbled voxels (not 8 patches around them)', options: { labelledVoxels: 1024 } },
  { name: 'no-kl', label: 'default without KL(P‖Q) in the rounds (Potts only)', options: { unlabelledWeight: 0 } },
  { name: 'kl-3', label: 'default with KL(P‖Q) at weight 3 (not 1) in the rounds', options: { unlabelledWeight: 3 } },
  { name: 'kl-10', label: 'default with KL(P‖Q) at weight 10 (not 1) in the rounds', options: { unlabelledWeight: 10 } },
  { name: 'l2-3e-2', label: 'default with L2 weight decay 3e-2 (not 1e-2) on the kernels', options: { l2: 3e-2 } },
  { name: 'position', label: 'default + the voxel position as inputs (the default until main 58ef282)', options: { model: { positionInputs: true } } },
  { name: 'no-filter-bank', label: 'default without the filter-bank inputs', options: { model: { filterScales: [] } } },
  { name: 'gaussian-mean', label: "default with the filter bank's Gaussian mean (not edge-aware; the default until main 7625b88)", options: { model: { filterMean: 'gaussian' } } },
  { name: 'class-barrier-0.5', label: "default with the geodesic inputs' class barrier at β 0.5 (not 1)", options: { model: { geodesicClassBarrier: 0.5 } } },
  { name: 'class-barrier-2', label: "default with the geodesic inputs' class barrier at β 2 (not 1)", options: { model: { geodesicClassBarrier: 2 } } },
  { name: 'no-class-barrier', label: "default without the geodesic inputs' class barrier (the default before model format 9)", options: { model: { geodesicClassBarrier: 0 } } },
  { name: 'look-adaptation-0.5', label: "default with the class barrier's look adapted at α 0.5 (not 1)", options: { model: { geodesicLookAdaptation: 0.5 } } },
  { name: 'look-adaptation-2', label: "default with the class barrier's look adapted at α 2 (not 1)", options: { model: { geodesicLookAdaptation: 2 } } },
  { name: 'no-look-adaptation', label: "default with the class barrier's look from the strokes alone (α 0, not 1; the default before model format 12)", options: { model: { geodesicLookAdaptation: 0 } } },
  { name: 'no-slice-axis-factor', label: "default with the geodesic length term the same along the strokes' slice axis (φ 1, not 0.5; the default before model format 10)", options: { model: { geodesicSliceAxisFactor: 1 } } },
  { name: 'geodesic-length-0.005', label: "default with the geodesic step's length term halved, 0.005 per mm (measured after main 6f986d9 and again after 119440f: a trade, not adopted)", options: { model: { geodesicLengthPerMm: 0.005 } } },
  { name: 'filters-8mm', label: 'default with a wider filter bank: σ 1, 2, 4, 8 mm', options: { model: { filterScales: [1, 2, 4, 8] } } },
  { name: 'filters-ilastik', label: "default with ilastik's scales: σ 0.7, 1, 1.6, 3.5, 5 mm", options: { model: { filterScales: [0.7, 1, 1.6, 3.5, 5] } } },
  { name: 'context', label: 'default + box-mean context features at 8 and 24 mm', options: { model: { contextRadii: [8, 24] } } },
  { name: 'prior-tempered', label: "default with the 'tempered' target prior (halfway between 'initial' and 'balanced')", options: { targetPrior: 'tempered' } },
  { name: 'geodesic-prior-0.5', label: 'default with the geodesic prior at λ 0.5 (not 1)', options: { model: { geodesicPrior: 0.5 } } },
  { name: 'no-geodesic-prior', label: 'default without the geodesic prior of the prediction', options: { model: { geodesicPrior: 0 } } },
  { name: 'geodesic-prior-2', label: 'default with the geodesic prior at λ 2 (not 1)', options: { model: { geodesicPrior: 2 } } },
  { name: 'no-appearance-prior', label: 'default without the appearance prior of the prediction', options: { model: { appearancePrior: 0 } } },
  { name: 'appearance-prior-1', label: 'default with the appearance prior at κ 1 (not 0.5)', options: { model: { appearancePrior: 1 } } },
  { name: 'spatial-3x3', label: 'default with its first hidden layer a learned 3x3 in-plane convolution (not 1x1)', options: { model: { spatialLayers: 1 } } },
  { name: 'spatial-3x3-supervised', label: 'spatial-3x3, supervised only (no SSLDEC rounds)', options: { model: { spatialLayers: 1 } }, mode: 'supervised' },
  { name: 'spatial-3x3-no-filter-bank', label: 'spatial-3x3 without the filter-bank inputs (the learned kernel as the only context beyond the geodesic inputs)', options: { model: { spatialLayers: 1, filterScales: [] } } },
  { name: 'spatial-3x3-2', label: 'default with its first two hidden layers learned 3x3 in-plane convolutions (5x5 voxels seen)', options: { model: { spatialLayers: 2 } } },
  { name: 'spatial-7x7', label: 'default with its first hidden layer a learned 7x7 in-plane convolution (a wide context layer, as ECONet; not 1x1)', options: { model: { spatialLayers: 1, kernelSize: 7 } } },
  { name: 'width-64', label: 'default with 64 filters per hidden layer (not 32)', options: { model: { width: 64 } } },
  { name: 'depth-4', label: 'default with four hidden layers (not three)', options: { model: { depth: 4 } } },
  { name: 'intensity-bumps-3', label: 'default + each image channel read through 3 Gaussian bumps over its range (an option since model format 11)', options: { model: { intensityBumps: 3 } } },
  { name: 'intensity-bumps-4', label: 'default + each image channel read through 4 Gaussian bumps over its range (an option since model format 11)', options: { model: { intensityBumps: 4 } } },
  { name: 'intensity-bumps-8', label: 'default + each image channel read through 8 Gaussian bumps over its range (an option since model format 11)', options: { model: { intensityBumps: 8 } } },
  { name: 'no-edge-snap', label: 'default without snapping the prediction to intensity edges', options: { model: { edgeSnapRadius: 0 } } },
  { name: 'edge-snap-1', label: 'default with the edge snap at radius 1 (not 2; the default before model format 14)', options: { model: { edgeSnapRadius: 1 } } },
  { name: 'edge-snap-2', label: 'default with the edge snap eroding every voxel two deep, the ones the prediction is sure of too', options: { model: { edgeSnapSureConfidence: undefined } } },
  { name: 'edge-snap-3', label: 'default with the edge snap eroding the voxels the prediction is unsure of three deep (not two)', options: { model: { edgeSnapRadius: 3 } } },
  { name: 'no-rim-means', label: "default without giving the boundary voxels to the nearer local mean (the default before model format 13)", options: { model: { rimMeansRadius: 0 } } },
  { name: 'rim-means-3', label: "default with the boundary voxels' local means over 7x7x7 voxels (radius 3, not 2)", options: { model: { rimMeansRadius: 3 } } },
  { name: 'no-cleanup', label: 'default without the Potts clean-up of the prediction', options: { model: { cleanupWeight: 0 } } },
  { name: 'cleanup-3', label: 'default with the Potts clean-up at λ 3 (not 1)', options: { model: { cleanupWeight: 3 } } },
  { name: 'no-geodesic', label: 'default without the geodesic-distance inputs', options: { model: { geodesicInputs: false } } },
  { name: 'no-ct-windows', label: 'default with percentile scaling on CT (no Hounsfield windows)', options: { model: { intensityWindows: [] } } },
  {
    name: 'filters-position-2026', label: 'the previous default: filter bank + position, Potts loss 3, no geodesic inputs, no clean-up',
    options: { model: { positionInputs: true, geodesicInputs: false, cleanupWeight: 0 }, pottsWeight: 3 },
  },
  {
    name: 'per-voxel-2025', label: 'the earlier default: intensity only, l2 1e-4, no Potts',
    options: { model: { filterScales: [], positionInputs: false, intensityWindows: [], geodesicInputs: false, cleanupWeight: 0 }, l2: 1e-4, pottsWeight: 0 },
  },
];

/** Overrides `b` over `a`, merging their `model` parts. */
export function mergeOverrides(a: EngineOverrides, b: EngineOverrides): EngineOverrides {
  const model = a.model || b.model ? { ...a.model, ...b.model } : undefined;
  return { ...a, ...b, ...(model ? { model } : {}) };
}
