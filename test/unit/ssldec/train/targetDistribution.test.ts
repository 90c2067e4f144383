import { tf } from '../../../../src/ssldec/backend/tf';
import { classPrior, softFrequencies, targetDistribution } from '../../../../src/ssldec/train/targetDistribution';

describe('targetDistribution p = (q²/f) / Σ(q²/f)', () => {
  const q = [[0.8, 0.2], [0.6, 0.4], [0.3, 0.7]];

  test('matches values computed by hand (f = [1.7, 1.3])', async () => {
    const p = await targetDistribution(tf.tensor2d(q)).array() as number[][];
    const f = [1.7, 1.3];
    q.forEach((row, i) => {
      const u = row.map((v, j) => (v * v) / f[j]);
      const s = u[0] + u[1];
      expect(p[i][0]).toBeCloseTo(u[0] / s, 6);
      expect(p[i][1]).toBeCloseTo(u[1] / s, 6);
    });
    expect(Array.from(await softFrequencies(tf.tensor2d(q)).data())).toEqual([expect.closeTo(1.7, 6), expect.closeTo(1.3, 6)]);
  });

  test('sharpens: with balanced clusters every confident row gets more confident', async () => {
    const balanced = [[0.7, 0.3], [0.3, 0.7]];
    const p = await targetDistribution(tf.tensor2d(balanced)).array() as number[][];
    expect(p[0][0]).toBeGreaterThan(0.7);
    expect(p[1][1]).toBeGreaterThan(0.7);
  });

  test('balances: a row equally split moves towards the smaller cluster', async () => {
    // Cluster 0 is big (f0 = 2.1), cluster 1 small (f1 = 0.9); the undecided last row is pushed to cluster 1.
    const p = await targetDistribution(tf.tensor2d([[0.9, 0.1], [0.7, 0.3], [0.5, 0.5]])).array() as number[][];
    expect(p[2][1]).toBeGreaterThan(0.5);
  });

  test("a prior equal to the current proportions removes the balancing (pure sharpening, p ∝ q²)", async () => {
    const rows = [[0.9, 0.1], [0.7, 0.3], [0.5, 0.5]];
    const prior = tf.tensor1d([2.1 / 3, 0.9 / 3]);
    const p = await targetDistribution(tf.tensor2d(rows), prior).array() as number[][];
    expect(p[2][0]).toBeCloseTo(0.5, 6);
    expect(p[1][0]).toBeCloseTo(0.49 / (0.49 + 0.09), 6);
  });

  test("classPrior: none for 'balanced', f/Σf for 'initial', sqrt(f)/Σsqrt(f) for 'tempered' (f = [2.1, 0.9])", async () => {
    const q = tf.tensor2d([[0.9, 0.1], [0.7, 0.3], [0.5, 0.5]]);
    expect(classPrior(q, 'balanced')).toBeUndefined();
    expect(Array.from(await classPrior(q, 'initial')!.data())).toEqual([expect.closeTo(0.7, 6), expect.closeTo(0.3, 6)]);
    const s = Math.sqrt(2.1) + Math.sqrt(0.9);
    expect(Array.from(await classPrior(q, 'tempered')!.data())).toEqual([expect.closeTo(Math.sqrt(2.1) / s, 6), expect.closeTo(Math.sqrt(0.9) / s, 6)]);
  });
});
