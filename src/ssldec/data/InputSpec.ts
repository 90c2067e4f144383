/**
 * What the network is fed per voxel, as the data layer needs it: image channels, intensity windows or percentile
 * normalisation, filter-bank and context features, position. ModelConfig (model/) extends it with the architecture;
 * data/ reads only this, so the data layer never imports the model layer.
 */
import { FILTER_BANK_FEATURES, type FilterMean } from './filterBank';

/** '2d': one slice in; '2.5d': `sliceStack` neighbouring slices as channels; '3d': 3D convolutions. */
export type ModelKind = '2d' | '2.5d' | '3d';

/**
 * How voxel intensities are mapped before the network: per channel, the `low` and `high` percentiles of the volume
 * (computed afresh for every volume, so a model transfers between studies of one protocol) map to 0 and 1.
 */
export interface NormalisationSpec {
  method: 'percentile';
  /** Lower percentile, 0..100 (default 0.5). */
  low: number;
  /** Upper percentile, 0..100 (default 99.5). */
  high: number;
}

export interface InputSpec {
  kind: ModelKind;
  /** Neighbouring slices stacked as channels for '2.5d' (odd, >= 3); 1 for '2d' and '3d'. */
  sliceStack: number;
  /**
   * Radii (mm) of box-mean context features added per image channel (data/contextFeatures.ts); [] or absent: none.
   * They carry position-in-tissue information (deep vs surface) that a spatial kernel would learn by memorising.
   */
  contextRadii?: number[];
  /**
   * Scales σ (mm) of fixed filter-bank features added per image channel (data/filterBank.ts): at each σ the
   * smoothed intensity (Gaussian or edge-aware: filterMean), its Laplacian and its gradient magnitude. [] or absent: none.
   */
  filterScales?: number[];
  /**
   * How the filter bank takes its mean at each scale: 'gaussian' (absent: models saved before format version 7) or
   * 'edgeAware' (data/edgeAwareMean.ts: a mean that stops at intensity edges, so a thin structure keeps its own level).
   */
  filterMean?: FilterMean;
  /**
   * Fixed intensity windows [low, high] (raw units, e.g. Hounsfield units for CT): each image channel becomes one
   * channel per window, clipped to it and mapped to 0..1 (data/intensityWindows.ts). Absent or []: the channel as it
   * is, with percentile normalisation (MR). Set from the volume's modality when a model is created.
   */
  intensityWindows?: [number, number][];
  /**
   * B, Gaussian bumps per derived image channel (data/intensityBumps.ts): the channel's normalised value read through
   * B bumps spread over 0..1, after the filter-bank and context features. Absent or 0: none, as models saved before
   * format version 11 were trained.
   */
  intensityBumps?: number;
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
  /**
   * Adds, per class, the geodesic distance to the class's scribbles (data/geodesicFeatures.ts) as an input
   * (numClasses inputs, after the position). Such a model needs the scribbles at prediction too.
   */
  geodesicInputs?: boolean;
  /**
   * Length term ε per mm of the geodesic step cost (‖ΔI‖ + ε·mm; data/geodesicFeatures.ts, and the snap to edges,
   * infer/snapToEdges.ts): how much a path through flat tissue costs against crossing an edge. Absent: 0.01
   * (DEFAULT_LENGTH_PER_MM, the presets' value), as models saved before format version 8 were trained.
   */
  geodesicLengthPerMm?: number;
  /**
   * β of the geodesic inputs' class barrier (data/geodesicFeatures.ts): a step also costs β times the change of how
   * much the voxel looks like the class's strokes (data/strokePosteriors.ts); the geodesic prior keeps the plain
   * measure. Absent or 0: none, as models saved before format version 9 were trained.
   */
  geodesicClassBarrier?: number;
  /**
   * α of the class barrier's adapted look (data/strokePosteriors.ts): each class's look is re-estimated from the
   * cells near its strokes, weighted by how much they look like it, and mixed with its strokes' look at weight α.
   * Absent or 0: the strokes' look alone, as models saved before format version 12 were trained.
   */
  geodesicLookAdaptation?: number;
  /**
   * φ, the factor on the geodesic length term along the axis the strokes were painted across, where they all lie on
   * slices of one axis (data/geodesicFeatures.ts, strokeSliceAxis); inputs and prior alike. Absent: 1 (none), as
   * models saved before format version 10 were trained.
   */
  geodesicSliceAxisFactor?: number;
  /** K; the geodesic inputs need it (ModelConfig makes it required). */
  numClasses?: number;
  /** Image channels of the volume (T1 only: 1; T1+T2: 2). Set from the training volume. */
  inputChannels: number;
}

/** What data/ needs of a model: its input spec and normalisation recipe (an SsldecModel is one). */
export interface InputModel {
  readonly config: InputSpec;
  readonly normalisation: NormalisationSpec;
}

/** Channels the network derives from the image channels: one per intensity window (or the channel itself). */
export function derivedChannelCount(c: InputSpec): number {
  return c.inputChannels * Math.max(1, c.intensityWindows?.length ?? 0);
}

/**
 * Values per voxel and slice: derived image channels, their filter-bank features, their context features, their
 * intensity bumps, then the position (3) and the geodesic distances (K) when enabled.
 */
export function voxelFeatureCount(c: InputSpec): number {
  return derivedChannelCount(c) * (1 + FILTER_BANK_FEATURES.length * (c.filterScales?.length ?? 0) + (c.contextRadii?.length ?? 0) +
    (c.intensityBumps ?? 0)) +
    (c.positionInputs ? 3 : 0) + (c.geodesicInputs ? (c.numClasses ?? 0) : 0);
}
