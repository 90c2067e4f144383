/**
 * The appearance prior of a prediction: a voxel that looks unlike every stroke of an object class is not given to
 * that class on the network's word alone. A per-voxel network extrapolates: strokes that sample the background only
 * in places (white matter around the putamen, air around a body) teach it nothing about the cortex or the body-wall
 * muscle, and it calls them the object they resemble most in intensity. The geodesic prior (geodesicPrior.ts) asks
 * where a voxel is; this one asks what it looks like, in the network's own image and filter-bank inputs.
 *
 * For each class that is not background, d_c is the distance of the voxel's inputs to the nearest sample of the
 * class's strokes and h_c the class's spread (data/appearanceSupport.ts); q_c is multiplied by
 * exp(−κ·max(0, d_c / h_c − 1)) and q renormalised: nothing changes within the spread of the class's own strokes,
 * and the background takes over as a voxel's look leaves it. A class whose spread cannot be measured (one stroke
 * that cannot be split) keeps q. Off without a background class, as the geodesic prior.
 */
import { tf } from '../backend/tf';
import type { AppearanceSupport } from '../data/appearanceSupport';
import type { ClassInfo } from '../types';
import { geodesicPriorApplies, isBackgroundClass } from './geodesicPrior';

/**
 * Voxels per distance computation: the [voxels, samples] matrix stays in cache (2^11 × 256 floats = 2 MiB); at 2^15
 * (32 MiB) a pass's distances took 1.60–2.25 s on the FS crop against 1.33–1.48 s (wasm, four runs in turn).
 */
const CHUNK = 1 << 11;

export interface AppearancePrior {
  /**
   * Squared distance of each voxel of a network input batch to the nearest sample of each object class, `[n, A]`
   * (A = the classes the prior acts on). `input` holds `channels` values per voxel, the voxel's own image and
   * filter-bank inputs starting at the prior's feature offset.
   */
  nearest(input: Float32Array, channels: number): Promise<Float32Array>;
  /** Multiplies q (K values) by the prior of voxel `p` of that batch and renormalises, in place. */
  apply(q: Float64Array, nearest: Float32Array, p: number): void;
  dispose(): void;
}

/**
 * The prior at weight κ, or undefined when it is off (κ 0, no background class, no object class with a spread).
 * @param featureOffset where the voxel's own image and filter-bank inputs start among its input values (the centre
 *   slice of a '2.5d' stack).
 */
export function appearancePrior(classes: ClassInfo[], kappa: number, support: AppearanceSupport,
  featureOffset: number): AppearancePrior | undefined {
  if (!(kappa > 0) || !geodesicPriorApplies(classes)) return undefined;
  const active = classes.map((c, i) => (!isBackgroundClass(c) && support.spread[i] > 0 ? i : -1)).filter((i) => i >= 0);
  if (active.length === 0) return undefined;
  const { features: F, samplesPerClass: M } = support;
  const A = active.length;
  // ||v − s||² = ||v||² + (−2 v·s + ||s||²): the bracket for every sample in one plain matMul of [v, 1] by the
  // samples as columns [−2 s; ||s||²] (wasm's transposed matMul is slow, backend/batchMatMulTransposeFirst.ts);
  // ||v||² is added after the minimum over each class's samples.
  const columns = new Float32Array((F + 1) * A * M);
  active.forEach((c, a) => {
    for (let s = 0; s < M; s++) {
      let squared = 0;
      for (let f = 0; f < F; f++) {
        const value = support.samples[(c * M + s) * F + f];
        columns[f * A * M + a * M + s] = -2 * value;
        squared += value * value;
      }
      columns[F * A * M + a * M + s] = squared;
    }
  });
  const samples = tf.tensor2d(columns, [F + 1, A * M]);
  const inverseSpread = active.map((c) => 1 / support.spread[c]);
  return {
    async nearest(input, channels) {
      const n = input.length / channels;
      const out = new Float32Array(n * A);
      const rows = new Float32Array(Math.min(CHUNK, n) * (F + 1));
      const squared = new Float32Array(Math.min(CHUNK, n));
      for (let start = 0; start < n; start += CHUNK) {
        const count = Math.min(CHUNK, n - start);
        // [v, 1] rows and ||v||² in JS: slicing and concatenating in TF costs more than the matMul on wasm.
        for (let p = 0; p < count; p++) {
          const from = (start + p) * channels + featureOffset;
          let sum = 0;
          for (let f = 0; f < F; f++) {
            const x = input[from + f];
            rows[p * (F + 1) + f] = x;
            sum += x * x;
          }
          rows[p * (F + 1) + F] = 1;
          squared[p] = sum;
        }
        const least = tf.tidy(() => {
          const bracket = tf.matMul(tf.tensor2d(rows.subarray(0, count * (F + 1)), [count, F + 1]), samples);
          return tf.min(tf.reshape(bracket, [count, A, M]), 2);
        });
        try {
          out.set(await least.data() as Float32Array, start * A);
        } finally {
          least.dispose();
        }
        for (let p = 0; p < count; p++) for (let a = 0; a < A; a++) out[(start + p) * A + a] += squared[p];
      }
      return out;
    },
    apply(q, nearest, p) {
      let sum = 0;
      for (let a = 0; a < A; a++) {
        const d = Math.sqrt(Math.max(0, nearest[p * A + a]));
        const beyond = d * inverseSpread[a] - 1;
        if (beyond > 0) q[active[a]] *= Math.exp(-kappa * beyond);
      }
      for (let c = 0; c < q.length; c++) sum += q[c];
      for (let c = 0; c < q.length; c++) q[c] = sum > 0 ? q[c] / sum : 1 / q.length;
    },
    dispose() {
      samples.dispose();
    },
  };
}
