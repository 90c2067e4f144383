import { countRefinementWarnings } from '../../../../bench/seg/refinementWarnings';
import type { RunRecord } from '../../../../bench/seg/summary';

function record(seed: number, first: Record<string, number> | undefined, refined: Record<string, number>): RunRecord {
  return {
    case: 'ct-aorta-whole-totalsegmentator', subject: 'whole-crop', effort: '3x3+2doubt', slices: 3, strokes: 3, seed,
    method: first ? 'default' : 'forest', scribbledSlices: [0, 1, 2], labelledVoxels: 100, labelledShare: 0.01, dice: { aorta: 0.5 }, mean: 0.5,
    missingClasses: [], voxelsPerClass: refined, ...(first ? { firstResult: { dice: { aorta: 0.7 }, mean: 0.7, voxelsPerClass: first } } : {}),
    firstPredictionSeconds: 1, totalSeconds: 2, backend: 'wasm', memory: { rssMiB: 1, heapUsedMiB: 1, externalMiB: 1, tfTensorMiB: 1 },
  };
}

describe('countRefinementWarnings', () => {
  it('counts the engine runs with a first result and names each class the product would flag', () => {
    const count = countRefinementWarnings([
      record(1, { aorta: 40320, 'everything else': 2439360 }, { aorta: 828, 'everything else': 2478852 }),
      record(3, { aorta: 57714, 'everything else': 2421966 }, { aorta: 779485, 'everything else': 1700195 }),
      record(2, { aorta: 50000, 'everything else': 2429680 }, { aorta: 60000, 'everything else': 2419680 }),
      record(4, undefined, { aorta: 1, 'everything else': 5 }), // a baseline: no first result, not counted
    ]);
    expect(count.runs).toBe(3);
    expect(count.warned).toEqual([
      'ct-aorta-whole-totalsegmentator/whole-crop 3x3+2doubt seed 1 default: "aorta" 40320 → 828 voxels',
      'ct-aorta-whole-totalsegmentator/whole-crop 3x3+2doubt seed 3 default: "aorta" 57714 → 779485 voxels',
    ]);
  });
});
