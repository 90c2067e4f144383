import type { SummaryRow } from '../../../../bench/seg/summary';
import { evaluateTargets } from '../../../../bench/seg/targets';

const CASES = ['brain-t1-freesurfer', 'brain-tumour-brats2013', 'ct-aorta-totalsegmentator', 'ct-liver-seg-dcmqi'];

function row(c: string, method: string, mean: number, dice: Record<string, number> = {}, extra: Partial<SummaryRow> = {}): SummaryRow {
  return { case: c, effort: '3x3', method, runs: 3, dice, mean, runsMissingAClass: 0, firstPredictionSeconds: 10, totalSeconds: 40, peakRssMiB: 500, peakTensorMiB: 5, ...extra };
}

function suite(defaultMeans: number[], supervisedMeans: number[], baselineMeans: number[]): SummaryRow[] {
  return CASES.flatMap((c, i) => [
    row(c, 'default', defaultMeans[i], { GM: 0.95, WM: 0.9, aorta: 0.9, T12: 0.8, oedema: 0.8, 'tumour core': 0.76 }),
    row(c, 'supervised', supervisedMeans[i]),
    row(c, 'likelihood', baselineMeans[i] - 0.1),
    row(c, 'forest', baselineMeans[i]),
  ]);
}

const verdictOf = (lines: ReturnType<typeof evaluateTargets>, match: RegExp) => lines.find((l) => match.test(l.target))?.verdict;

describe('evaluateTargets', () => {
  const options = { baselines: ['likelihood', 'forest'], backend: 'wasm', cases: CASES };

  it('judges the margin over the best baseline per case', () => {
    const lines = evaluateTargets(suite([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.7, 0.6], [0.85, 0.76, 0.6, 0.6]), options);
    expect(verdictOf(lines, /^brain-t1-freesurfer: default ≥ best baseline/)).toBe('MET');
    expect(verdictOf(lines, /^brain-tumour-brats2013: default ≥ best baseline/)).toBe('NOT MET');
    expect(verdictOf(lines, /^ct-liver-seg-dcmqi: default ≥ best baseline/)).toBe('NOT MET');
    expect(lines.find((l) => /^ct-aorta.*best baseline/.test(l.target))?.measured).toBe('default 0.700 vs forest 0.600');
  });

  it('judges per-class thresholds, the mean of GM and WM, and the cost on wasm', () => {
    const lines = evaluateTargets(suite([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.7, 0.6], [0.5, 0.5, 0.5, 0.5]), options);
    expect(verdictOf(lines, /mean Dice\(GM, WM\) ≥ 0.9/)).toBe('MET');
    expect(verdictOf(lines, /Dice aorta ≥ 0.85/)).toBe('MET');
    expect(verdictOf(lines, /Dice T12 ≥ 0.85/)).toBe('NOT MET');
    expect(verdictOf(lines, /Dice tumour core ≥ 0.75/)).toBe('MET');
    expect(verdictOf(lines, /on wasm: first prediction/)).toBe('MET');
    expect(verdictOf(evaluateTargets(suite([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.7, 0.6], [0.5, 0.5, 0.5, 0.5]), { ...options, backend: 'cpu' }), /on wasm/)).toBe('NOT RUN');
  });

  it('needs SSLDEC 0.02 above supervised on the suite mean and above it on 3 of 4 cases', () => {
    const above = evaluateTargets(suite([0.9, 0.8, 0.7, 0.6], [0.8, 0.78, 0.69, 0.62], [0.5, 0.5, 0.5, 0.5]), options);
    expect(verdictOf(above, /suite's mean/)).toBe('MET');
    expect(verdictOf(above, /3 of the 4 cases/)).toBe('MET');
    const below = evaluateTargets(suite([0.9, 0.8, 0.7, 0.6], [0.89, 0.81, 0.71, 0.55], [0.5, 0.5, 0.5, 0.5]), options);
    expect(verdictOf(below, /suite's mean/)).toBe('NOT MET');
    expect(verdictOf(below, /3 of the 4 cases/)).toBe('NOT MET');
  });

  it('counts default runs that miss a scribbled class, and says NOT RUN for what was not run', () => {
    const rows = suite([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.7, 0.6], [0.5, 0.5, 0.5, 0.5]);
    rows[0].runsMissingAClass = 1;
    expect(verdictOf(evaluateTargets(rows, options), /no scribbled class missing/)).toBe('NOT MET');
    const partial = evaluateTargets(rows.filter((r) => r.case === CASES[0]), { ...options, cases: [CASES[0]] });
    expect(verdictOf(partial, /suite's mean/)).toBe('NOT RUN');
    expect(verdictOf(evaluateTargets([], options), /^brain-t1-freesurfer: default ≥ best baseline/)).toBe('NOT RUN');
  });
});
