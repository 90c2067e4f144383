import { tf } from '../../../../src/ssldec/backend/tf';
import { studentTQ } from '../../../../src/ssldec/model/ClusteringHead';

describe('studentTQ (Student-t, α = 1)', () => {
  test('z=[[0,0],[1,1]] μ=[[0,0],[2,0]] matches hand values', async () => {
    const z = tf.tensor2d([[0, 0], [1, 1]]);
    const mu = tf.tensor2d([[0, 0], [2, 0]]);
    const q = await studentTQ(z, mu).array() as number[][];
    // Row 0: distances² 0 and 4 -> kernels 1 and 1/5 -> q = [5/6, 1/6].
    expect(q[0][0]).toBeCloseTo(5 / 6, 6);
    expect(q[0][1]).toBeCloseTo(1 / 6, 6);
    // Row 1: distances² 2 and 2 -> equal kernels -> q = [1/2, 1/2].
    expect(q[1][0]).toBeCloseTo(0.5, 6);
    expect(q[1][1]).toBeCloseTo(0.5, 6);
    tf.dispose([z, mu]);
  });

  test('keeps the leading shape [N,H,W,K] and rows sum to 1', async () => {
    const z = tf.randomNormal([2, 3, 4, 3], 0, 2, 'float32', 5);
    const mu = tf.tensor2d([[3, 0, 0], [0, 3, 0], [0, 0, 3]]);
    const q = studentTQ(z, mu);
    expect(q.shape).toEqual([2, 3, 4, 3]);
    const sums = await tf.sum(q, -1).data();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    tf.dispose([z, mu, q]);
  });
});
