/**
 * A trained (or training) SSLDEC segmentation model: architecture, classes, intensity normalisation recipe and
 * weights. Weights are TF.js variables on the current backend; call dispose() when done.
 */
import { tf, makeVariable, type Variable } from '../backend/tf';
import type { ClassInfo } from '../types';
import type { NormalisationSpec } from '../data/InputSpec';
import type { ModelConfig } from './ModelConfig';

export type { NormalisationSpec };

/** One convolution layer: kernel `[kh, kw, in, out]` (2D) or `[kd, kh, kw, in, out]` (3D), bias `[out]`. */
export interface ConvLayer {
  kernel: Variable;
  bias: Variable;
}

export class SsldecModel {
  private disposed = false;

  /**
   * @param config architecture.
   * @param classes the K classes; class `classes[j]` is cluster j and embedding axis j.
   * @param normalisation intensity mapping recipe.
   * @param layers hidden layers then the embedding layer (1x1 to K).
   * @param centres cluster centres μ, `[K, K]` (row j = centre of class j).
   */
  constructor(
    readonly config: ModelConfig,
    readonly classes: ClassInfo[],
    readonly normalisation: NormalisationSpec,
    readonly layers: ConvLayer[],
    readonly centres: Variable,
  ) {}

  /** All trainable variables, in a fixed order (the order of the saved artefact). */
  variables(): Variable[] {
    return [...this.layers.flatMap((l) => [l.kernel, l.bias]), this.centres];
  }

  /** Whether dispose() has been called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** An independent copy (new variables) with the same weights, e.g. to continue training without touching this one. */
  clone(): SsldecModel {
    const copy = (v: Variable) => makeVariable(() => tf.clone(v));
    return new SsldecModel({ ...this.config }, this.classes.map((c) => ({ ...c })), { ...this.normalisation },
      this.layers.map((l) => ({ kernel: copy(l.kernel), bias: copy(l.bias) })), copy(this.centres));
  }

  /** Releases the weights. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.variables());
  }
}
