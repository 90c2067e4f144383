import { confusionFromPairs, diceFromPairs, labelPairCounts } from '../../../../bench/seg/dice';

const diceScores = (prediction: Uint8Array, truth: Uint8Array, classes: number[], tissue: number[]) =>
  diceFromPairs(labelPairCounts(prediction, truth), classes, tissue);
const confusionCounts = (prediction: Uint8Array, truth: Uint8Array, classes: number[]) =>
  confusionFromPairs(labelPairCounts(prediction, truth), classes);

describe('diceScores', () => {
  it('computes 2|P∩T|/(|P|+|T|) per class and the mean over the scored classes', () => {
    const truth = Uint8Array.from([1, 1, 1, 1, 2, 2, 3, 3]);
    const pred = Uint8Array.from([1, 1, 2, 2, 2, 2, 3, 1]);
    const d = diceScores(pred, truth, [1, 2, 3], [1, 2]);
    expect(d.perClass[1]).toBeCloseTo((2 * 2) / (3 + 4));
    expect(d.perClass[2]).toBeCloseTo((2 * 2) / (4 + 2));
    expect(d.perClass[3]).toBeCloseTo((2 * 1) / (1 + 2));
    expect(d.meanTissue).toBeCloseTo((4 / 7 + 4 / 6) / 2);
    expect(d.meanAll).toBeCloseTo((4 / 7 + 4 / 6 + 2 / 3) / 3);
  });

  it('is 1 for a perfect prediction and NaN for a class absent from both maps', () => {
    const truth = Uint8Array.from([1, 2, 2]);
    const d = diceScores(truth, truth, [1, 2, 3], [1, 2]);
    expect(d.perClass[1]).toBe(1);
    expect(d.perClass[2]).toBe(1);
    expect(d.perClass[3]).toBeNaN();
  });

  it('rejects maps of different sizes', () => {
    expect(() => diceScores(new Uint8Array(3), new Uint8Array(4), [1], [1])).toThrow(/one size/);
  });
});

describe('confusionCounts', () => {
  it('counts, per true class, the voxels predicted as each class, and leaves out values that are not classes', () => {
    const truth = Uint8Array.from([1, 1, 1, 1, 2, 2, 3, 3, 0]);
    const pred = Uint8Array.from([1, 1, 2, 2, 2, 2, 3, 1, 1]);
    const m = confusionCounts(pred, truth, [1, 2, 3]);
    expect([...m.get(1)!]).toEqual([[1, 2], [2, 2], [3, 0]]);
    expect([...m.get(2)!]).toEqual([[1, 0], [2, 2], [3, 0]]);
    expect([...m.get(3)!]).toEqual([[1, 1], [2, 0], [3, 1]]);
    expect(m.has(0)).toBe(false);
  });

  it('rejects maps of different sizes', () => {
    expect(() => confusionCounts(new Uint8Array(3), new Uint8Array(4), [1])).toThrow(/one size/);
  });
});
