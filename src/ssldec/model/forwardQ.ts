/**
 * The model's one forward pass, used by training and by inference: embeddings of an input batch, then the Student-t
 * clustering head (SSLDEC's q; Xie et al. 2016 eq. 1).
 */
import { tf, type Tensor } from '../backend/tf';
import { embed } from './buildFcn';
import { studentTQ } from './ClusteringHead';
import type { ModelConfig } from './ModelConfig';
import { networkInputChannels } from './ModelConfig';
import type { SsldecModel } from './SsldecModel';

/** q `[..., K]` of a batch `x` shaped by {@link inputBatchShape}: Student-t assignments of the model's embeddings. */
export function forwardQ(model: SsldecModel, x: Tensor): Tensor {
  return tf.tidy(() => studentTQ(embed(model, x), model.centres));
}

/**
 * Shape of a batch of `n` network inputs of patch size si × sj (× sk slices for '3d'):
 * `[n, sk, sj, si, C]` for '3d', `[n, sj, si, C]` for '2d'/'2.5d' (slices of a stack are channels), C = networkInputChannels.
 */
export function inputBatchShape(config: ModelConfig, box: { si: number; sj: number; sk: number }, n: number): number[] {
  const c = networkInputChannels(config);
  return config.kind === '3d' ? [n, box.sk, box.sj, box.si, c] : [n, box.sj, box.si, c];
}
