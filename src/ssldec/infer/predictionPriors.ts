/**
 * A prediction's priors as one step: what predictFromSource multiplies the network's q by before its argmax (the
 * appearance prior, appearancePrior.ts, and the geodesic prior, geodesicPrior.ts), and what the SSLDEC rounds' growth
 * guard counts its pool with (train/sslRounds.ts), so that the guard sees a class spread where the result would.
 */
import type { SsldecModel } from '../model/SsldecModel';
import { networkInputChannels, voxelFeatureCount } from '../model/ModelConfig';
import { appearanceSupport } from '../data/appearanceSupport';
import type { VolumeSource } from '../data/extractPatches';
import { appearancePrior } from './appearancePrior';
import { geodesicPrior } from './geodesicPrior';

export interface PredictionPriors {
  /**
   * What the appearance prior reads of a batch of network inputs (each voxel's distances to the strokes' looks);
   * absent without that prior. It depends on the image and the strokes alone, not on the network.
   */
  nearest?: (input: Float32Array) => Promise<Float32Array>;
  /**
   * Multiplies q (K values) of voxel `p` of that batch, fine voxel (i, j, k) at flat index v, by the priors and
   * renormalises, in place.
   */
  apply(q: Float64Array, nearest: Float32Array | undefined, p: number, i: number, j: number, k: number, v: number): void;
  dispose(): void;
}

/**
 * The model's priors on this source, or undefined when it has none (no Background class, the priors off, or no
 * strokes for the appearance prior and no geodesic prior). `notes` says what was left out and why.
 * @param scribbles the run's strokes: the appearance prior compares each voxel with them.
 */
export function predictionPriors(model: SsldecModel, src: VolumeSource, scribbles: Uint8Array | undefined,
  notes: string[] = []): PredictionPriors | undefined {
  const config = model.config;
  const geodesic = src.geodesic && config.geodesicPrior ? geodesicPrior(model.classes, config.geodesicPrior, src.geodesic) : undefined;
  const kappa = config.appearancePrior ?? 0;
  if (kappa > 0 && !scribbles) notes.push('Appearance prior left out: it needs the scribbles (PredictOptions.scribbles).');
  // The voxel's own image and filter-bank inputs start at the centre slice of a '2.5d' stack.
  const offset = config.kind === '2.5d' ? ((config.sliceStack - 1) / 2) * voxelFeatureCount(config) : 0;
  const appearance = kappa > 0 && scribbles ? appearancePrior(model.classes, kappa, appearanceSupport(src, scribbles, model.classes.length), offset) : undefined;
  if (!geodesic && !appearance) return undefined;
  const channels = networkInputChannels(config);
  return {
    ...(appearance ? { nearest: (input: Float32Array) => appearance.nearest(input, channels) } : {}),
    apply(q, nearest, p, i, j, k, v) {
      if (appearance) appearance.apply(q, nearest!, p);
      geodesic?.(q, i, j, k, v);
    },
    dispose: () => appearance?.dispose(),
  };
}
