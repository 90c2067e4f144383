import { completeDraws } from '../../../../bench/seg/completeDraws';
import type { RunRecord } from '../../../../bench/seg/summary';

function record(method: string, seed: number, mean: number, networkSeed?: number): RunRecord {
  return {
    case: 'ct-liver-seg-dcmqi', subject: 'ct', effort: '3x3', slices: 3, strokes: 3, seed, ...(networkSeed === undefined ? {} : { networkSeed }),
    method, scribbledSlices: [0, 1, 2], labelledVoxels: 100, labelledShare: 0.01, dice: { liver: mean }, mean, missingClasses: [],
    firstPredictionSeconds: 1, totalSeconds: 2, backend: 'wasm', memory: { rssMiB: 1, heapUsedMiB: 1, externalMiB: 1, tfTensorMiB: 1 },
  };
}

describe('completeDraws', () => {
  it('keeps one run per network seed of an engine method, and a run saved twice once', () => {
    const { complete, dropped } = completeDraws([
      record('default', 1, 0.888, 1), record('default', 1, 0.829, 1001), record('likelihood', 1, 0.5),
      record('default', 1, 0.1, 1001), // the same run from a second file: the first file's counts
    ]);
    expect(dropped).toEqual([]);
    expect(complete.map((r) => [r.method, r.networkSeed, r.mean])).toEqual([['default', 1, 0.888], ['default', 1001, 0.829], ['likelihood', undefined, 0.5]]);
  });

  it('drops a draw on which a method did not run', () => {
    const { complete, dropped } = completeDraws([record('default', 1, 0.9, 1), record('likelihood', 1, 0.5), record('default', 2, 0.8, 2)]);
    expect(complete.map((r) => r.seed)).toEqual([1, 1]);
    expect(dropped).toEqual(['ct-liver-seg-dcmqi/ct 3x3 seed 2 (default)']);
  });
});
