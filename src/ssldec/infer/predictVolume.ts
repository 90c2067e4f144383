/**
 * Whole-volume inference in bounded tiles (planTiles.ts): labelmap (argmax q, values 1..K) and confidence (max q),
 * q times the appearance and geodesic priors (predictionPriors.ts) when the model has them, then the clean-up, the snap
 * to edges and the rim step.
 * A 512x512x300 volume runs as many small forward passes; only the output arrays span the volume.
 */
import { tf } from '../backend/tf';
import type { Geometry, Labelmap, Volume } from '../../volume/Volume';
import { voxelCount } from '../../volume/Volume';
import { forwardQ, inputBatchShape } from '../model/forwardQ';
import { receptiveRadius } from '../model/ModelConfig';
import type { SsldecModel } from '../model/SsldecModel';
import { extractInput, patchInputLength, readNormalised, type VolumeSource } from '../data/extractPatches';
import { volumeSource } from '../data/volumeSource';
import { validateModelForVolume, validateSameGrid, validateVolume } from '../validateInputs';
import { ModelMismatchError, TrainingCancelledError } from '../errors';
import type { PredictOptions, PredictResult } from '../types';
import { planTiles } from './planTiles';
import { derivedChannelCount } from '../data/InputSpec';
import { lengthPerMmOf } from '../data/geodesicFeatures';
import { predictionPriors } from './predictionPriors';
import { cleanupBytes, edgeWeights, pottsCleanup } from './pottsCleanup';
import { rimToLocalMeans } from './rimToLocalMeans';
import { snapToEdges } from './snapToEdges';

/** Most bytes the Potts clean-up may keep (one per voxel and class, one per voxel and axis). */
export const CLEANUP_BUDGET_BYTES = 768 * 2 ** 20;

/** Most bytes a PassReuse may hold between passes (FS brain crop: 58 MiB of appearance distances, 11 MiB of edge weights). */
export const REUSE_BUDGET_BYTES = 256 * 2 ** 20;

/**
 * What a pass computes from the image and the scribbles alone, kept for the next pass over the same source and
 * scribbles (a run's final prediction after its preview): each batch's distances of the appearance prior and the
 * clean-up's edge weights. An empty object to start; a pass fills what it computes, the next reads it.
 */
export interface PassReuse {
  nearest?: Float32Array[];
  edgeWeights?: [Uint8Array, Uint8Array, Uint8Array];
}

/** Internal options of predictFromSource: training passes its scribbles, which the clean-up keeps fixed. */
export interface SourcePredictOptions extends PredictOptions {
  fixedLabels?: Uint8Array;
  /** Shared by the passes of one run over one source (left out where it would exceed REUSE_BUDGET_BYTES). */
  reuse?: PassReuse;
}

/** Default bound on input voxels per forward pass (halo included). */
export const DEFAULT_MAX_TILE_VOXELS = 1 << 19;

/** Labelmap with the geometry of `g`. */
function labelmapLike(g: Geometry, data: Uint8Array): Labelmap {
  return { dimensions: [...g.dimensions], spacing: [...g.spacing], origin: [...g.origin], direction: [...g.direction], data };
}

/**
 * Predicts every voxel of a prepared source (used by training and by predictVolume).
 * @throws TrainingCancelledError when `options.signal` aborts (between tiles).
 */
export async function predictFromSource(model: SsldecModel, src: VolumeSource, geometry: Geometry,
  options: SourcePredictOptions = {}): Promise<PredictResult> {
  const dims = src.dims;
  const [nx, ny] = dims;
  const plan = planTiles(dims, receptiveRadius(model.config), model.config.kind === '3d',
    options.maxTileVoxels ?? DEFAULT_MAX_TILE_VOXELS);
  const labels = new Uint8Array(voxelCount(geometry));
  const confidence = new Float32Array(labels.length);
  const batches = Math.ceil(plan.tiles.length / plan.batch);
  const snapRadius = model.config.edgeSnapRadius ?? 0;
  const rimRadius = model.config.rimMeansRadius ?? 0;
  const notes: string[] = [];
  const k = model.classes.length;
  let cleanupWeight = model.config.cleanupWeight ?? 0;
  if (cleanupWeight > 0 && cleanupBytes(labels.length, k) > CLEANUP_BUDGET_BYTES) {
    notes.push(`Potts clean-up left out: it would take ${Math.round(cleanupBytes(labels.length, k) / 2 ** 20)} MiB on this ` +
      `${dims.join('x')} volume (budget ${CLEANUP_BUDGET_BYTES / 2 ** 20} MiB); crop the volume to the region of interest to use it.`);
    cleanupWeight = 0;
  }
  // Quantised q of every voxel, kept only for the clean-up.
  const probs = cleanupWeight > 0 ? new Uint8Array(labels.length * k) : undefined;
  // Progress counts the batches and, where there is one, the clean-up after them (the Potts clean-up, the snap, the
  // rim) as the last part: a pass's progress ends with its labels, not with its network.
  const finishing = probs !== undefined || snapRadius > 0 || rimRadius > 0;
  const total = batches + (finishing ? 1 : 0);
  const priors = predictionPriors(model, src, options.fixedLabels, notes);
  // Bounded by 4 bytes per voxel and class (the appearance distances: one float per object class) and 3 per voxel
  // (the edge weights).
  const reuse = options.reuse && labels.length * (4 * k + 3) <= REUSE_BUDGET_BYTES ? options.reuse : undefined;
  if (reuse && priors?.nearest) reuse.nearest ??= [];
  // Seconds this pass spends computing what it leaves in `reuse` for the next (reported with its last part).
  let reusable = 0;
  const forReuse = async <T>(compute: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await compute();
    } finally {
      if (reuse) reusable += (performance.now() - started) / 1000;
    }
  };
  const lastPart = (step: number) => (step === total && reusable > 0 ? { reusableSeconds: reusable } : {});
  const row = new Float64Array(k);
  const first = plan.tiles[0].input;
  const len = patchInputLength(model.config, first);
  try {
    for (let b = 0; b < batches; b++) {
      if (options.signal?.aborted) throw new TrainingCancelledError();
      const batch = plan.tiles.slice(b * plan.batch, (b + 1) * plan.batch);
      const input = new Float32Array(len * batch.length);
      batch.forEach((t, n) => extractInput(model.config, src, t.input, input, n * len));
      const outputs = tf.tidy(() => {
        const q = forwardQ(model, tf.tensor(input, inputBatchShape(model.config, first, batch.length)));
        // With a prior the labels come from q times the priors (below): the backend's argmax and max would go unused.
        return priors ? [q] : [probs ? q : tf.zeros([0]), tf.argMax(q, -1), tf.max(q, -1)];
      });
      const nearest = priors?.nearest &&
        (reuse?.nearest?.[b] ?? await forReuse(() => priors.nearest!(input)));
      if (reuse?.nearest && nearest) reuse.nearest[b] = nearest;
      let qAll: Int32Array | Float32Array | Uint8Array;
      let cls: Int32Array | Float32Array | Uint8Array | undefined;
      let conf: Int32Array | Float32Array | Uint8Array | undefined;
      try {
        [qAll, cls, conf] = await Promise.all(outputs.map((o) => o.data()));
      } finally {
        tf.dispose(outputs);
      }
      const { si: ti, sj: tj, sk: tk } = first;
      batch.forEach((t, n) => {
        const [oi, oj, ok] = t.offset;
        for (let dk = 0; dk < t.out.sk; dk++) {
          for (let dj = 0; dj < t.out.sj; dj++) {
            const src = n * ti * tj * tk + (ok + dk) * ti * tj + (oj + dj) * ti + oi;
            const dst = t.out.i0 + (t.out.j0 + dj) * nx + (t.out.k0 + dk) * nx * ny;
            for (let di = 0; di < t.out.si; di++) {
              const v = dst + di;
              const at = (src + di) * k;
              let best = 0;
              if (priors) {
                // The network's q times the priors, in `row`.
                for (let c = 0; c < k; c++) row[c] = qAll[at + c];
                priors.apply(row, nearest, src + di, t.out.i0 + di, t.out.j0 + dj, t.out.k0 + dk, v);
                for (let c = 1; c < k; c++) if (row[c] > row[best]) best = c;
                confidence[v] = row[best];
                if (probs) for (let c = 0; c < k; c++) probs[v * k + c] = Math.round(255 * row[c]);
              } else {
                best = cls![src + di];
                confidence[v] = conf![src + di];
                if (probs) for (let c = 0; c < k; c++) probs[v * k + c] = Math.round(255 * qAll[at + c]);
              }
              labels[v] = best + 1;
            }
          }
        }
      });
      options.onProgress?.({ phase: 'inference', step: b + 1, total, backend: tf.getBackend(), ...lastPart(b + 1) });
      await new Promise((r) => setTimeout(r, 0)); // let an abort or a worker message in
    }
  } finally {
    priors?.dispose();
  }
  if (options.signal?.aborted) throw new TrainingCancelledError();
  // The network's own image channels (windowed CT, percentile-scaled MR; 0..1 scale), which the clean-up, the snap
  // and the rim's local means read.
  const image = Array.from({ length: derivedChannelCount(model.config) }, (_, ch) => (v: number) => readNormalised(src, ch, v));
  if (probs) {
    const weights = reuse?.edgeWeights ?? await forReuse(() => edgeWeights(image, dims));
    if (reuse) reuse.edgeWeights = weights;
    pottsCleanup(labels, { k, q: probs }, weights, dims,
      { weight: cleanupWeight, spacing: geometry.spacing, fixed: options.fixedLabels });
    // Confidence of the class the clean-up chose.
    for (let v = 0; v < labels.length; v++) confidence[v] = probs[v * k + labels[v] - 1] / 255;
  }
  // A voxel that the last two steps move gets its new class's q where q was kept (the clean-up's), else keeps its
  // confidence.
  const reclassified = (changed: number[]) => {
    if (probs) for (const v of changed) confidence[v] = probs[v * k + labels[v] - 1] / 255;
  };
  if (snapRadius > 0) {
    const sureAt = model.config.edgeSnapSureConfidence;
    reclassified(snapToEdges(labels, image, dims, geometry.spacing, snapRadius, lengthPerMmOf(model.config), options.fixedLabels,
      sureAt === undefined ? undefined : { confidence, atLeast: sureAt }));
  }
  if (rimRadius > 0) reclassified(rimToLocalMeans(labels, image, dims, rimRadius, k, options.fixedLabels));
  if (finishing) options.onProgress?.({ phase: 'inference', step: total, total, backend: tf.getBackend(), ...lastPart(total) });
  return { labelmap: labelmapLike(geometry, labels), confidence, ...(notes.length ? { notes } : {}) };
}

/**
 * Segments a volume with a trained model.
 * @returns labelmap (values 1..K = model.classes) and per-voxel confidence max_j q_ij, flat like the volume.
 * @throws InvalidVolumeError, ModelMismatchError (channels differ), TrainingCancelledError.
 */
export async function predictVolume(model: SsldecModel, volume: Volume, options: PredictOptions = {}): Promise<PredictResult> {
  validateVolume(volume);
  validateModelForVolume(model, volume);
  if (model.config.geodesicInputs && !options.scribbles) {
    throw new ModelMismatchError('This model reads the distance to each class\'s scribbles: pass the scribbles ' +
      '(PredictOptions.scribbles), or continue training it on this volume with new scribbles.');
  }
  if (options.scribbles) validateSameGrid(volume, options.scribbles);
  return predictFromSource(model, await volumeSource(model, volume, options.scribbles?.data), volume,
    { ...options, fixedLabels: options.scribbles?.data });
}
