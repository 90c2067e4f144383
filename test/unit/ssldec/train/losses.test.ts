import { tf } from '../../../../src/ssldec/backend/tf';
import { edgeWeightedPotts, klDivergence, labelledAccuracy, maskedCrossEntropy } from '../../../../src/ssldec/train/losses';

describe('maskedCrossEntropy', () => {
  const oneHot = tf.tensor2d([[1, 0], [0, 0], [0, 1], [0, 0]]); // voxels 1 and 3 unlabelled

  test('class-balanced mean of -log q over labelled voxels (hand value)', async () => {
    const q = tf.tensor2d([[0.8, 0.2], [0.5, 0.5], [0.4, 0.6], [0.1, 0.9]]);
    const loss = (await maskedCrossEntropy(q, oneHot).data())[0];
    expect(loss).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 6);
  });

  test('unlabelled voxels contribute nothing: changing their q changes neither loss nor gradient elsewhere', async () => {
    const logits = tf.tensor2d([[1, 0], [0.3, -2], [0, 1], [4, -1]]);
    const other = tf.tensor2d([[1, 0], [-5, 3], [0, 1], [-2, 2]]); // differs only in the unlabelled rows
    const f = (l: tf.Tensor) => maskedCrossEntropy(tf.softmax(l), oneHot);
    const [g1, g2] = [tf.grad(f)(logits), tf.grad(f)(other)];
    expect((await f(logits).data())[0]).toBeCloseTo((await f(other).data())[0], 7);
    const a = await g1.array() as number[][];
    const b = await g2.array() as number[][];
    expect(a[1].map(Math.abs)).toEqual([0, 0]);
    expect(a[3].map(Math.abs)).toEqual([0, 0]);
    expect(a[0][0]).toBeCloseTo(b[0][0], 7);
    expect(a[2][1]).toBeCloseTo(b[2][1], 7);
  });

  test('nothing labelled gives 0, not NaN', async () => {
    const loss = await maskedCrossEntropy(tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[0, 0]])).data();
    expect(loss[0]).toBe(0);
  });
});

describe('klDivergence KL(P‖Q)', () => {
  test('0 when p = q, hand value otherwise, weights mask voxels', async () => {
    const q = tf.tensor2d([[0.5, 0.5], [0.9, 0.1]]);
    expect((await klDivergence(q, q).data())[0]).toBeCloseTo(0, 6);
    const p = tf.tensor2d([[0.75, 0.25], [0.9, 0.1]]);
    const row0 = 0.75 * Math.log(0.75 / 0.5) + 0.25 * Math.log(0.25 / 0.5);
    expect((await klDivergence(p, q).data())[0]).toBeCloseTo(row0 / 2, 6);
    expect((await klDivergence(p, q, tf.tensor1d([1, 0])).data())[0]).toBeCloseTo(row0, 6);
  });
});

test('labelledAccuracy counts only labelled voxels', async () => {
  const q = tf.tensor2d([[0.8, 0.2], [0.1, 0.9], [0.7, 0.3]]);
  const y = tf.tensor2d([[1, 0], [0, 0], [0, 1]]);
  expect((await labelledAccuracy(q, y).data())[0]).toBeCloseTo(0.5, 6);
});

describe('edgeWeightedPotts (Tang et al. pairwise term)', () => {
  test('hand value on a 1x3 strip: an edge between voxels 1 and 2 frees their disagreement', async () => {
    // q: voxels 0 and 1 agree fully, voxel 2 disagrees; intensity 0, 0, 1 (an edge before voxel 2).
    const q = tf.tensor4d([[[[1, 0], [1, 0], [0, 1]]]]); // [1, 1, 3, 2]
    const intensity = tf.tensor4d([[[[0], [0], [1]]]]);
    // Pairs along the width: d² = 0 and 1; β = 0.5 / mean(0, 1) = 1; w = 1 and e^-1; 1 − q·q = 0 and 1.
    const loss = (await edgeWeightedPotts(q, intensity).data())[0];
    expect(loss).toBeCloseTo((0 + Math.exp(-1) * 1) / 2, 5);
  });

  test('disagreement on a flat region costs more than across an edge', async () => {
    const q = tf.tensor4d([[[[1, 0], [0, 1]]]]);
    const flat = tf.tensor4d([[[[0.5], [0.5]]]]);
    const edge = tf.tensor4d([[[[0], [1]], [[0], [0]]]]); // 2 rows: one pair with an edge, one without
    const qEdge = tf.tensor4d([[[[1, 0], [0, 1]], [[1, 0], [1, 0]]]]);
    expect((await edgeWeightedPotts(q, flat).data())[0]).toBeCloseTo(1, 5);
    // Row 0 disagrees across the edge (w = e^-1), row 1 agrees on flat intensity; vertical pairs agree on the left.
    const withEdge = (await edgeWeightedPotts(qEdge, edge).data())[0];
    expect(withEdge).toBeLessThan(1);
    expect(withEdge).toBeGreaterThan(0);
  });

  test('gradient flows to q only where neighbours disagree', async () => {
    const logits = tf.tensor4d([[[[3, 0], [3, 0], [0, 3]]]]);
    const intensity = tf.tensor4d([[[[0.2], [0.2], [0.2]]]]);
    const g = (await tf.grad((l: tf.Tensor) => edgeWeightedPotts(tf.softmax(l), intensity))(logits).array()) as number[][][][];
    expect(Math.abs(g[0][0][2][0])).toBeGreaterThan(1e-3);
    expect(Math.abs(g[0][0][0][0])).toBeLessThan(Math.abs(g[0][0][2][0]));
  });
});
