import { predictForest, trainForest } from '../../../../bench/seg/baselines/randomForest';
import { seededRandom } from '../../../../bench/lib/random';

/** n points in [-1, 1]², labelled by `label`; returns row-major samples and column-wise features. */
function points(n: number, seed: number, label: (x: number, y: number) => number) {
  const random = seededRandom(seed);
  const xs = Float32Array.from({ length: n }, () => 2 * random() - 1);
  const ys = Float32Array.from({ length: n }, () => 2 * random() - 1);
  const samples = new Float32Array(2 * n);
  xs.forEach((x, i) => samples.set([x, ys[i]], 2 * i));
  return { samples, columns: [xs, ys], labels: Uint8Array.from(xs, (x, i) => label(x, ys[i])) };
}

const accuracy = (a: Uint8Array, b: Uint8Array) => a.reduce((s, x, i) => s + (x === b[i] ? 1 : 0), 0) / a.length;

describe('random forest', () => {
  it('learns a problem no single split solves (XOR of two signs) and generalises to new points', () => {
    const xor = (x: number, y: number) => (x > 0 !== y > 0 ? 1 : 0);
    const train = points(400, 1, xor);
    const forest = trainForest(train.samples, train.labels, 2, 2, { seed: 1, trees: 30 });
    expect(accuracy(predictForest(forest, train.columns, 400), train.labels)).toBeGreaterThan(0.99);
    const test = points(2000, 2, xor);
    expect(accuracy(predictForest(forest, test.columns, 2000), test.labels)).toBeGreaterThan(0.95);
  });

  it('separates three classes, uses only informative features to split perfectly separable data, and repeats per seed', () => {
    const three = (x: number) => (x < -0.3 ? 0 : x < 0.4 ? 1 : 2);
    const train = points(300, 3, three);
    const a = trainForest(train.samples, train.labels, 2, 3, { seed: 5, trees: 20, featuresPerSplit: 2 });
    const b = trainForest(train.samples, train.labels, 2, 3, { seed: 5, trees: 20, featuresPerSplit: 2 });
    expect(Array.from(a.threshold)).toEqual(Array.from(b.threshold));
    // With both features tried at every split, the best Gini split is always on x (y carries no information).
    const inner = Array.from(a.feature).filter((f) => f >= 0);
    expect(inner.length).toBeGreaterThan(0);
    expect(new Set(inner)).toEqual(new Set([0]));
    const test = points(1000, 4, three);
    expect(accuracy(predictForest(a, test.columns, 1000), test.labels)).toBeGreaterThan(0.97);
  });

  it('rejects empty training data and out-of-range labels', () => {
    expect(() => trainForest(new Float32Array(0), new Uint8Array(0), 2, 2, { seed: 1 })).toThrow(/n > 0/);
    expect(() => trainForest(new Float32Array(2), Uint8Array.from([3]), 2, 2, { seed: 1 })).toThrow(/labels must be/);
  });
});
