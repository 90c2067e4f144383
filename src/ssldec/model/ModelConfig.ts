/**
 * Architecture of the segmentation FCN. The network is a stack of convolutions with ReLU; the first
 * `spatialLayers` have `kernelSize`-wide spatial kernels, the rest are 1x1 (pointwise), and a last 1x1 layer maps
 * to a K-dimensional embedding per voxel that the clustering head turns into q (see ClusteringHead.ts).
 * A small receptive field is deliberate: see src/ssldec/README.md ("why these defaults").
 */

import { FILTER_BANK_FEATURES } from '../data/filterBank';
import type { PresetName } from '../types';

/** '2d': one slice in; '2.5d': `sliceStack` neighbouring slices as channels; '3d': 3D convolutions. */
export type ModelKind = '2d' | '2.5d' | '3d';

export interface ModelConfig {
  kind: ModelKind;
  /** Neighbouring slices stacked as channels for '2.5d' (odd, >= 3); 1 for '2d' and '3d'. */
  sliceStack: number;
  /** Hidden convolution layers before the embedding layer (>= 1). */
  depth: number;
  /** Filters of each hidden layer. */
  width: number;
  /** Spatial kernel size (odd) of the first `spatialLayers` hidden layers; 3D kernels are cubic. */
  kernelSize: number;
  /** How many hidden layers are spatial (the rest are 1x1); 0 makes a per-voxel classifier. */
  spatialLayers: number;
  /**
   * Radii (mm) of box-mean context features added per image channel (data/contextFeatures.ts); [] or absent: none.
   * They carry position-in-tissue information (deep vs surface) that a spatial kernel would learn by memorising.
   */
  contextRadii?: number[];
  /**
   * Scales σ (mm) of fixed filter-bank features added per image channel (data/filterBank.ts): at each σ the
   * Gaussian-smoothed intensity, its Laplacian and its gradient magnitude. [] or absent: none. Opt-in: on the real
   * brain they lift the deep class (ventricles) at some cost to GM/WM (src/ssldec/README.md).
   */
  filterScales?: number[];
  /**
   * Fixed intensity windows [low, high] (raw units, e.g. Hounsfield units for CT): each image channel becomes one
   * channel per window, clipped to it and mapped to 0..1 (data/intensityWindows.ts). Absent or []: the channel as it
   * is, with percentile normalisation (MR). Set from the volume's modality when a model is created.
   */
  intensityWindows?: [number, number][];
  /**
   * Adds the voxel's position in the volume (i, j, k mapped to -1..1) as three inputs, so organs that share
   * intensities (liver and spleen) can be told apart by where they are.
   */
  positionInputs?: boolean;
  /**
   * Which of i, j, k the position inputs carry (the others read 0). Set when a model is created: an axis along which
   * the scribbles take fewer than MIN_POSITION_VALUES distinct coordinates (strokes on 3 slices give k 3 values) is
   * left out, since a network can only extrapolate a coordinate it saw at so few values (data/positionAxes.ts).
   * Absent: all three.
   */
  positionAxes?: [boolean, boolean, boolean];
  /** Image channels of the volume (T1 only: 1; T1+T2: 2). Set from the training volume. */
  inputChannels: number;
  /** K, the number of classes = embedding size = number of cluster centres. Set from the classes. */
  numClasses: number;
}

/** The 'default' model; the other presets list only what they change. */
const DEFAULT_MODEL: Omit<ModelConfig, 'inputChannels' | 'numClasses'> = {
  kind: '2d', sliceStack: 1, depth: 3, width: 32, kernelSize: 3, spatialLayers: 0, filterScales: [1, 2, 4], positionInputs: true,
};

/**
 * Model sizes by preset. 'default' is sized for a laptop GPU, 'cpu' for a machine without one, 'tiny' for tests.
 * All are per-voxel (1x1) networks on purpose: a learned spatial kernel trained on a few hundred scribbled voxels
 * memorises their surroundings (README.md, "Why these defaults"). 'default' and 'cpu' get their context from fixed
 * inputs instead: filter-bank features at 1, 2 and 4 mm and the voxel position, which lifted the CT aorta/T12 case
 * from 0.14 to 0.29 mean Dice (3 seeds) and BRATS oedema/core, at a cost on brain GM/WM (README.md has the numbers).
 * 'tiny' stays intensity-only so tests and the e2e run in seconds.
 */
export const MODEL_PRESETS: Record<PresetName, Omit<ModelConfig, 'inputChannels' | 'numClasses'>> = {
  default: DEFAULT_MODEL,
  cpu: { ...DEFAULT_MODEL, width: 16 },
  tiny: { ...DEFAULT_MODEL, depth: 2, width: 8, filterScales: [], positionInputs: false },
};

/** Input channels the network sees: image channels times stacked slices. */
export function networkInputChannels(c: ModelConfig): number {
  return voxelFeatureCount(c) * (c.kind === '2.5d' ? c.sliceStack : 1);
}

/** Channels the network derives from the image channels: one per intensity window (or the channel itself). */
export function derivedChannelCount(c: ModelConfig): number {
  return c.inputChannels * Math.max(1, c.intensityWindows?.length ?? 0);
}

/**
 * Values per voxel and slice: derived image channels, their filter-bank features, their context features, then the
 * position (3) when enabled.
 */
export function voxelFeatureCount(c: ModelConfig): number {
  return derivedChannelCount(c) * (1 + FILTER_BANK_FEATURES.length * (c.filterScales?.length ?? 0) + (c.contextRadii?.length ?? 0)) +
    (c.positionInputs ? 3 : 0);
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
  if (c.intensityWindows && !c.intensityWindows.every((w) => Array.isArray(w) && w.length === 2 && w[1] > w[0])) {
    problems.push(`intensityWindows must be [low, high] pairs with high > low, got ${JSON.stringify(c.intensityWindows)}`);
  }
  if (c.positionAxes && !(Array.isArray(c.positionAxes) && c.positionAxes.length === 3 && c.positionAxes.every((a) => typeof a === 'boolean'))) {
    problems.push(`positionAxes must be three booleans, got ${JSON.stringify(c.positionAxes)}`);
  }
  if (c.contextRadii && !c.contextRadii.every((r) => r > 0)) problems.push(`contextRadii must be > 0 mm, got [${c.contextRadii.join(', ')}]`);
  return problems;
}
