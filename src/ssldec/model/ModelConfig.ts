/**
 * Architecture of the segmentation FCN. The network is a stack of convolutions with ReLU; the first
 * `spatialLayers` have `kernelSize`-wide spatial kernels, the rest are 1x1 (pointwise), and a last 1x1 layer maps
 * to a K-dimensional embedding per voxel that the clustering head turns into q (see ClusteringHead.ts).
 * A small receptive field is deliberate: see src/ssldec/README.md ("Earlier measurements: why the network is per-voxel").
 */

import { DEFAULT_LENGTH_PER_MM } from '../data/geodesicFeatures';
import { voxelFeatureCount, type InputSpec, type ModelKind } from '../data/InputSpec';
import type { PresetName } from '../types';

export type { ModelKind };
export { derivedChannelCount, voxelFeatureCount } from '../data/InputSpec';

/** The network's inputs (data/InputSpec.ts) and its architecture. */
export interface ModelConfig extends InputSpec {
  /** Hidden convolution layers before the embedding layer (>= 1). */
  depth: number;
  /** Filters of each hidden layer. */
  width: number;
  /** Spatial kernel size (odd) of the first `spatialLayers` hidden layers; 3D kernels are cubic. */
  kernelSize: number;
  /** How many hidden layers are spatial (the rest are 1x1); 0 makes a per-voxel classifier. */
  spatialLayers: number;
  /** K, the number of classes = embedding size = number of cluster centres. Set from the classes. */
  numClasses: number;
  /**
   * λ of the edge-weighted Potts clean-up of every prediction (infer/pottsCleanup.ts), in nats; 0 or absent: the
   * network's argmax as it is. Post-processing, not an input: stored so a saved model predicts as it trained.
   */
  cleanupWeight?: number;
  /**
   * λ of the geodesic prior of every prediction (infer/geodesicPrior.ts): q_j times exp(−λ·d_j) for the classes
   * that are not background (d_j in the geodesic step cost's units), so voxels far along the image from every object's strokes go to the background class.
   * Needs geodesicInputs; off (0 or absent) or without a background class: q as it is. Stored so a saved model
   * predicts as it trained.
   */
  geodesicPrior?: number;
  /**
   * κ of the appearance prior of every prediction (infer/appearancePrior.ts): q_j times exp(−κ·max(0, d_j/h_j − 1))
   * for the classes that are not background, d_j the distance of the voxel's image and filter-bank inputs to the
   * nearest sample of class j's strokes and h_j how far apart the class's strokes look, so voxels that look unlike
   * every stroke of an object go to the background class. Off (0 or absent) or without a background class: q as it
   * is. Needs the scribbles at prediction. Stored so a saved model predicts as it trained.
   */
  appearancePrior?: number;
  /**
   * Radius (voxels) of the last step of every prediction (infer/snapToEdges.ts): each class eroded by it and grown
   * back along the image, so boundaries sit on intensity edges. 0 or absent: off. Stored so a saved model predicts
   * as it trained.
   */
  edgeSnapRadius?: number;
  /**
   * With edgeSnapRadius above 1: voxels whose confidence (the class's q after the clean-up) is at least this are
   * eroded one voxel deep only, so the snap removes thin branches the prediction doubts and keeps thin structures it
   * is sure of. Absent: every voxel is eroded edgeSnapRadius deep. Stored so a saved model predicts as it trained.
   */
  edgeSnapSureConfidence?: number;
  /**
   * Window radius (voxels) of the step after the snap (infer/rimToLocalMeans.ts): each voxel on a class boundary goes
   * to the class, among its own and its neighbours', whose voxels in the (2r+1)³ window around it have the nearest
   * mean image value, so a partial-volume voxel joins the tissue it resembles. 0 or absent: off. Stored so a saved
   * model predicts as it trained.
   */
  rimMeansRadius?: number;
}

/** The 'default' model; the other presets list only what they change. */
const DEFAULT_MODEL: Omit<ModelConfig, 'inputChannels' | 'numClasses'> = {
  kind: '2d', sliceStack: 1, depth: 3, width: 32, kernelSize: 3, spatialLayers: 0, filterScales: [1, 2, 4], filterMean: 'edgeAware', positionInputs: false, cleanupWeight: 1, geodesicInputs: true,
  geodesicLengthPerMm: DEFAULT_LENGTH_PER_MM, geodesicClassBarrier: 1, geodesicLookAdaptation: 1,
  geodesicSliceAxisFactor: 0.5, geodesicPrior: 1,
  appearancePrior: 0.5, edgeSnapRadius: 2, edgeSnapSureConfidence: 0.8, rimMeansRadius: 2,
};

/**
 * Model sizes by preset. 'default' is sized for a laptop GPU and is what wasm runs too (presetForBackend: width 32
 * beat 16 by 0.05 on the brain cases), 'cpu' is for the plain-JS cpu backend, 'tiny' for tests.
 * All are per-voxel (1x1) networks on purpose: a learned spatial kernel over intensity alone memorised the strokes'
 * surroundings (README.md, "Earlier measurements"); over today's inputs one 3x3 first layer lifts the held-out cases
 * but not the suite (README.md, "A learned 3×3 first layer"; bench ablation `spatial-3x3`). 'default' and 'cpu' get
 * their context from fixed inputs instead: filter-bank features at 1, 2 and 4 mm (their mean edge-aware: README.md,
 * eighth revision) and the geodesic distance to each class's scribbles (a step's length term 0.01 per mm; 0.005 was
 * measured as a trade, not a gain, twice: README.md, "A geodesic step's length term" and "The demo head's brain
 * painted Background lies beside the strokes too"), whose steps also pay for leaving and re-entering what looks like
 * the class (geodesicClassBarrier 1; README.md, ninth revision; the look adapted to the cells near the strokes,
 * geodesicLookAdaptation 1; README.md, eleventh revision), and whose steps across the slices the strokes lie on pay
 * half the length term (geodesicSliceAxisFactor 0.5; README.md, tenth revision).
 * Intensity bumps (intensityBumps) are an option, not the default: they lift the tumour and the posterior fossa but
 * cost the FS brain's white matter (README.md, "Intensity bumps").
 * The voxel position is left out: a network extrapolates it far from the strokes (an image corner painted liver), and
 * without it the suite's mean rose from 0.707 to 0.745 over five seeds (README.md, fourth revision). Their
 * predictions end with the snap to intensity edges (README.md, seventh revision), which erodes two voxels deep where
 * the prediction is unsure and one where it is sure (edgeSnapRadius 2, edgeSnapSureConfidence 0.8; README.md,
 * thirteenth revision), and their boundary voxels given to the nearer local mean (rimMeansRadius 2; README.md,
 * twelfth revision).
 * 'tiny' stays intensity-only so tests and the e2e run in seconds.
 */
export const MODEL_PRESETS: Record<PresetName, Omit<ModelConfig, 'inputChannels' | 'numClasses'>> = {
  default: DEFAULT_MODEL,
  cpu: { ...DEFAULT_MODEL, width: 16 },
  tiny: { ...DEFAULT_MODEL, depth: 2, width: 8, filterScales: [], cleanupWeight: 0, geodesicInputs: false, geodesicPrior: 0, appearancePrior: 0, edgeSnapRadius: 0, rimMeansRadius: 0 },
};

/** Input channels the network sees: image channels times stacked slices. */
export function networkInputChannels(c: ModelConfig): number {
  return voxelFeatureCount(c) * (c.kind === '2.5d' ? c.sliceStack : 1);
}

/** Voxels of context on each side that one output voxel depends on, in-plane (and through-plane for 3d). */
export function receptiveRadius(c: ModelConfig): number {
  return Math.min(c.spatialLayers, c.depth) * ((c.kernelSize - 1) / 2);
}

/** Checks a config; returns a list of problems (empty when valid). */
export function modelConfigProblems(c: ModelConfig): string[] {
  const problems: string[] = [];
  if (!['2d', '2.5d', '3d'].includes(c.kind)) problems.push(`kind must be '2d', '2.5d' or '3d', got '${c.kind}'`);
  if (c.kind === '2.5d' && (c.sliceStack < 3 || c.sliceStack % 2 !== 1)) {
    problems.push(`sliceStack must be odd and >= 3 for '2.5d', got ${c.sliceStack}`);
  }
  if (!(c.depth >= 1)) problems.push(`depth must be >= 1, got ${c.depth}`);
  if (!(c.width >= 1)) problems.push(`width must be >= 1, got ${c.width}`);
  if (!(c.kernelSize >= 1) || c.kernelSize % 2 !== 1) problems.push(`kernelSize must be odd, got ${c.kernelSize}`);
  if (!(c.spatialLayers >= 0)) problems.push(`spatialLayers must be >= 0, got ${c.spatialLayers}`);
  if (!(c.inputChannels >= 1)) problems.push(`inputChannels must be >= 1, got ${c.inputChannels}`);
  if (!(c.numClasses >= 2)) problems.push(`numClasses must be >= 2, got ${c.numClasses}`);
  if (c.filterScales && !c.filterScales.every((s) => s > 0)) problems.push(`filterScales must be > 0 mm, got [${c.filterScales.join(', ')}]`);
  if (c.filterMean !== undefined && c.filterMean !== 'gaussian' && c.filterMean !== 'edgeAware') problems.push(`filterMean must be 'gaussian' or 'edgeAware', got ${JSON.stringify(c.filterMean)}`);
  if (c.intensityWindows && !c.intensityWindows.every((w) => Array.isArray(w) && w.length === 2 && w[1] > w[0])) {
    problems.push(`intensityWindows must be [low, high] pairs with high > low, got ${JSON.stringify(c.intensityWindows)}`);
  }
  if (c.positionAxes && !(Array.isArray(c.positionAxes) && c.positionAxes.length === 3 && c.positionAxes.every((a) => typeof a === 'boolean'))) {
    problems.push(`positionAxes must be three booleans, got ${JSON.stringify(c.positionAxes)}`);
  }
  if (c.cleanupWeight !== undefined && !(c.cleanupWeight >= 0)) problems.push(`cleanupWeight must be >= 0, got ${c.cleanupWeight}`);
  if (c.geodesicLengthPerMm !== undefined && !(c.geodesicLengthPerMm >= 0 && Number.isFinite(c.geodesicLengthPerMm))) {
    problems.push(`geodesicLengthPerMm must be a finite number >= 0, got ${c.geodesicLengthPerMm}`);
  }
  if (c.geodesicClassBarrier !== undefined && !(c.geodesicClassBarrier >= 0 && Number.isFinite(c.geodesicClassBarrier))) {
    problems.push(`geodesicClassBarrier must be a finite number >= 0, got ${c.geodesicClassBarrier}`);
  }
  if (c.geodesicLookAdaptation !== undefined && !(c.geodesicLookAdaptation >= 0 && Number.isFinite(c.geodesicLookAdaptation))) {
    problems.push(`geodesicLookAdaptation must be a finite number >= 0, got ${c.geodesicLookAdaptation}`);
  }
  if (c.geodesicSliceAxisFactor !== undefined && !(c.geodesicSliceAxisFactor >= 0 && c.geodesicSliceAxisFactor <= 1)) {
    problems.push(`geodesicSliceAxisFactor must be a number from 0 to 1, got ${c.geodesicSliceAxisFactor}`);
  }
  if (c.geodesicPrior !== undefined && !(c.geodesicPrior >= 0)) problems.push(`geodesicPrior must be >= 0, got ${c.geodesicPrior}`);
  if (c.edgeSnapRadius !== undefined && !(Number.isInteger(c.edgeSnapRadius) && c.edgeSnapRadius >= 0)) problems.push(`edgeSnapRadius must be an integer >= 0, got ${c.edgeSnapRadius}`);
  if (c.edgeSnapSureConfidence !== undefined && !(c.edgeSnapSureConfidence >= 0 && c.edgeSnapSureConfidence <= 1)) {
    problems.push(`edgeSnapSureConfidence must be a number from 0 to 1, got ${c.edgeSnapSureConfidence}`);
  }
  if (c.rimMeansRadius !== undefined && !(Number.isInteger(c.rimMeansRadius) && c.rimMeansRadius >= 0)) problems.push(`rimMeansRadius must be an integer >= 0, got ${c.rimMeansRadius}`);
  if (c.geodesicPrior && !c.geodesicInputs) problems.push('geodesicPrior needs geodesicInputs (the prior reads the same distances)');
  if (c.appearancePrior !== undefined && !(c.appearancePrior >= 0)) problems.push(`appearancePrior must be >= 0, got ${c.appearancePrior}`);
  if (c.intensityBumps !== undefined && !(Number.isInteger(c.intensityBumps) && c.intensityBumps >= 0)) problems.push(`intensityBumps must be an integer >= 0, got ${c.intensityBumps}`);
  if (c.contextRadii && !c.contextRadii.every((r) => r > 0)) problems.push(`contextRadii must be > 0 mm, got [${c.contextRadii.join(', ')}]`);
  return problems;
}
