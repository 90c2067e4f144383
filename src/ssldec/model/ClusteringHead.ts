/**
 * The SSLDEC clustering head (Porting Note: Enguehard et al. 2019, eq. for q; DEC, Xie et al. 2016, with α = 1):
 * q_ij = (1 + ||z_i − μ_j||²)^-1 / Σ_j' (1 + ||z_i − μ_j'||²)^-1, a Student's t kernel between embedding z_i and
 * centre μ_j. Prediction is argmax_j q_ij, confidence max_j q_ij.
 */
import { tf, type Tensor } from '../backend/tf';

/**
 * Soft assignments q.
 * @param z embeddings `[..., K]` (any leading shape, e.g. `[N, H, W, K]`).
 * @param centres `[K, K]`, row j = μ_j.
 * @returns q `[..., K]`, each row summing to 1.
 */
export function studentTQ(z: Tensor, centres: Tensor): Tensor {
  return tf.tidy(() => {
    const k = centres.shape[0];
    const flat = tf.reshape(z, [-1, z.shape[z.rank - 1]]);
    // ||z − μ||² = ||z||² − 2 z·μ + ||μ||², computed as a matmul: no [N, K, K] intermediate.
    const zz = tf.sum(tf.square(flat), 1, true);
    const mm = tf.reshape(tf.sum(tf.square(centres), 1), [1, k]);
    const cross = tf.matMul(flat, centres, false, true);
    const dist2 = tf.relu(tf.add(tf.sub(zz, tf.mul(cross, 2)), mm));
    const kernel = tf.reciprocal(tf.add(dist2, 1));
    const q = tf.div(kernel, tf.sum(kernel, 1, true));
    return tf.reshape(q, [...z.shape.slice(0, -1), k]);
  });
}
