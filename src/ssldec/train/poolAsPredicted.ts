/**
 * The SSLDEC rounds' pool as the prediction would call it: each voxel's class from the network's q times the
 * prediction's priors (infer/predictionPriors.ts), as predictFromSource gives it before its clean-up. The growth guard
 * (growthGuard.ts) counts classes this way because the priors hold back much of what q alone calls an object: on the
 * whole-aorta case's seed 3, q called 42 % of the pool aorta, the priors 24 %; the rounds then took the aorta from
 * 300 k to 555 k voxels of the result while q's count grew only 1.2 times (src/ssldec/README.md, "The growth guard
 * counts the pool as the prediction calls it").
 */
import { tf, type Tensor } from '../backend/tf';
import type { PatchBox, VolumeSource } from '../data/extractPatches';
import type { SsldecModel } from '../model/SsldecModel';
import { predictionPriors } from '../infer/predictionPriors';

export interface PoolClassifier {
  /**
   * Each pool voxel's class index under `q` (the pool's q, voxels in the pool's order, K values last), given the
   * pool's `argmax` classes, which the rounds compute anyway: a model without priors returns them as they are.
   */
  classes(q: Tensor, argmax: Int32Array): Promise<Int32Array>;
  dispose(): void;
}

/** Each voxel's class index under q alone (its argmax). */
export async function argmaxClasses(q: Tensor): Promise<Int32Array> {
  const argmax = tf.argMax(q, -1);
  try {
    return (await argmax.data()) as Int32Array;
  } finally {
    argmax.dispose();
  }
}

/**
 * The classifier for the pool of `boxes` (all of one size, voxels in PatchSampler.labelsOf's order: i fastest, then
 * j, then k), whose network input is `x`. Without priors it is q's argmax.
 */
export async function poolAsPredicted(model: SsldecModel, source: VolumeSource, scribbles: Uint8Array,
  boxes: PatchBox[], x: Tensor): Promise<PoolClassifier> {
  const priors = predictionPriors(model, source, scribbles);
  if (!priors) return { classes: async (_q, argmax) => argmax, dispose: () => {} };
  const [nx, ny] = source.dims;
  // What the appearance prior reads of the pool depends on the image and the strokes alone: read once for every round.
  const nearest = priors.nearest && await priors.nearest((await x.data()) as Float32Array);
  return {
    async classes(q) {
      const values = (await q.data()) as Float32Array;
      const classCount = q.shape[q.rank - 1];
      const classes = new Int32Array(values.length / classCount);
      const row = new Float64Array(classCount);
      let p = 0;
      for (const b of boxes) {
        for (let k = b.k0; k < b.k0 + b.sk; k++) {
          for (let j = b.j0; j < b.j0 + b.sj; j++) {
            for (let i = b.i0; i < b.i0 + b.si; i++, p++) {
              for (let c = 0; c < classCount; c++) row[c] = values[p * classCount + c];
              priors.apply(row, nearest, p, i, j, k, i + j * nx + k * nx * ny);
              let best = 0;
              for (let c = 1; c < classCount; c++) if (row[c] > row[best]) best = c;
              classes[p] = best;
            }
          }
        }
      }
      return classes;
    },
    dispose: () => priors.dispose(),
  };
}
