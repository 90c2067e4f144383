/**
 * Adam (Kingma & Ba 2015) over a fixed list of variables, with the learning rate passed per step so the trainer can
 * decay it. Written here rather than tf.train.adam because that optimiser's rate cannot be changed after creation.
 */
import { tf, makeVariable, type Tensor, type Variable } from '../backend/tf';

export class Adam {
  private readonly m: Variable[];
  private readonly v: Variable[];
  private t = 0;

  constructor(private readonly vars: Variable[], private readonly beta1 = 0.9, private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7) {
    this.m = vars.map((x) => makeVariable(() => tf.zerosLike(x), false));
    this.v = vars.map((x) => makeVariable(() => tf.zerosLike(x), false));
  }

  /**
   * One step: minimises `lossFn` at learning rate `lr`. Returns the loss (caller disposes it).
   * Every intermediate tensor is released.
   */
  step(lossFn: () => Tensor, lr: number): Tensor {
    this.t += 1;
    const { value, grads } = tf.variableGrads(lossFn as () => tf.Scalar, this.vars);
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    tf.tidy(() => {
      this.vars.forEach((x, i) => {
        const g = grads[x.name];
        const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const update = tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon));
        x.assign(tf.sub(x, update));
      });
    });
    tf.dispose(Object.values(grads));
    return value;
  }

  /** Releases the moment estimates. */
  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
