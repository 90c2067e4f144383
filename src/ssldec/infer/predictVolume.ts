/**
 * Whole-volume inference in bounded tiles (planTiles.ts): labelmap (argmax q, values 1..K) and confidence (max q).
 * A 512x512x300 volume runs as many small forward passes; only the output arrays span the volume.
 */
import { tf } from '../backend/tf';
import type { Geometry, Labelmap, Volume } from '../../volume/Volume';
import { voxelCount } from '../../volume/Volume';
import { forwardQ, inputBatchShape } from '../model/forwardQ';
import { receptiveRadius } from '../model/ModelConfig';
import type { SsldecModel } from '../model/SsldecModel';
import { extractInput, patchInputLength, type VolumeSource } from '../data/extractPatches';
import { volumeSource } from '../data/volumeSource';
import { validateModelForVolume, validateVolume } from '../validateInputs';
import { TrainingCancelledError } from '../errors';
import type { PredictOptions, PredictResult } from '../types';
import { planTiles } from './planTiles';

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
  options: PredictOptions = {}): Promise<PredictResult> {
  const dims = src.dims;
  const [nx, ny] = dims;
  const plan = planTiles(dims, receptiveRadius(model.config), model.config.kind === '3d',
    options.maxTileVoxels ?? DEFAULT_MAX_TILE_VOXELS);
  const labels = new Uint8Array(voxelCount(geometry));
  const confidence = new Float32Array(labels.length);
  const total = Math.ceil(plan.tiles.length / plan.batch);
  const first = plan.tiles[0].input;
  const len = patchInputLength(model.config, first);
  for (let b = 0; b < total; b++) {
    if (options.signal?.aborted) throw new TrainingCancelledError();
    const batch = plan.tiles.slice(b * plan.batch, (b + 1) * plan.batch);
    const input = new Float32Array(len * batch.length);
    batch.forEach((t, n) => extractInput(model.config, src, t.input, input, n * len));
    const [argmax, maxQ] = tf.tidy(() => {
      const q = forwardQ(model, tf.tensor(input, inputBatchShape(model.config, first, batch.length)));
      return [tf.argMax(q, -1), tf.max(q, -1)];
    });
    let cls: Int32Array | Float32Array | Uint8Array;
    let conf: Int32Array | Float32Array | Uint8Array;
    try {
      [cls, conf] = await Promise.all([argmax.data(), maxQ.data()]);
    } finally {
      tf.dispose([argmax, maxQ]);
    }
    const { si: ti, sj: tj, sk: tk } = first;
    batch.forEach((t, n) => {
      const [oi, oj, ok] = t.offset;
      for (let dk = 0; dk < t.out.sk; dk++) {
        for (let dj = 0; dj < t.out.sj; dj++) {
          const src = n * ti * tj * tk + (ok + dk) * ti * tj + (oj + dj) * ti + oi;
          const dst = t.out.i0 + (t.out.j0 + dj) * nx + (t.out.k0 + dk) * nx * ny;
          for (let di = 0; di < t.out.si; di++) {
            labels[dst + di] = cls[src + di] + 1;
            confidence[dst + di] = conf[src + di];
          }
        }
      }
    });
    options.onProgress?.({ phase: 'inference', step: b + 1, total, backend: tf.getBackend() });
    await new Promise((r) => setTimeout(r, 0)); // let an abort or a worker message in
  }
  if (options.signal?.aborted) throw new TrainingCancelledError();
  return { labelmap: labelmapLike(geometry, labels), confidence };
}

/**
 * Segments a volume with a trained model.
 * @returns labelmap (values 1..K = model.classes) and per-voxel confidence max_j q_ij, flat like the volume.
 * @throws InvalidVolumeError, ModelMismatchError (channels differ), TrainingCancelledError.
 */
export async function predictVolume(model: SsldecModel, volume: Volume, options: PredictOptions = {}): Promise<PredictResult> {
  validateVolume(volume);
  validateModelForVolume(model, volume);
  return predictFromSource(model, volumeSource(model, volume), volume, options);
}
