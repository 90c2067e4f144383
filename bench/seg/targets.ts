/**
 * The issue's targets (issue 9), checked on the suite's summary: each line says MET, NOT MET, or why it could not be
 * judged (a case or method not run). Means over seeds and subjects at the target effort (3x3) unless said.
 */
import type { SummaryRow } from './summary';
import { SUITE_CASE_NAMES } from './cases';

export type Verdict = 'MET' | 'NOT MET' | 'NOT RUN';

export interface TargetLine {
  target: string;
  measured: string;
  verdict: Verdict;
}

/** Minimum Dice of named classes (their mean when several) of the engine default, per case. */
export const CLASS_TARGETS: ReadonlyArray<{ case: string; classes: string[]; threshold: number }> = [
  { case: 'brain-t1-freesurfer', classes: ['GM', 'WM'], threshold: 0.9 },
  { case: 'ct-aorta-totalsegmentator', classes: ['aorta'], threshold: 0.85 },
  { case: 'ct-aorta-totalsegmentator', classes: ['T12'], threshold: 0.85 },
  { case: 'brain-tumour-brats2013', classes: ['oedema'], threshold: 0.75 },
  { case: 'brain-tumour-brats2013', classes: ['tumour core'], threshold: 0.75 },
];
/** The default must beat the best classical baseline by this much mean Dice on every case. */
export const MARGIN_OVER_BASELINES = 0.05;
/** SSLDEC (the default) over supervised-only on the suite's mean. */
export const MARGIN_OVER_SUPERVISED = 0.02;
/** Cost on the FS brain crop with the wasm backend (seconds). */
export const COST_CASE = 'brain-t1-freesurfer';
export const MAX_FIRST_PREDICTION_S = 30;
export const MAX_FINAL_PREDICTION_S = 90;

const f3 = (x: number) => x.toFixed(3);
const verdict = (ok: boolean): Verdict => (ok ? 'MET' : 'NOT MET');

/**
 * Evaluate every target. `baselines` are the names of the classical methods; `backend` the TF.js backend of the
 * run (the cost target is defined on wasm). `cases` lists the cases run; only the suite's are judged.
 */
export function evaluateTargets(rows: SummaryRow[], runOptions: { baselines: string[]; backend: string; cases: string[]; effort?: string }): TargetLine[] {
  // The targets are the suite's: a held-out case run beside it is reported, not judged.
  const options = { ...runOptions, cases: runOptions.cases.filter((c) => SUITE_CASE_NAMES.includes(c)) };
  const effort = options.effort ?? '3x3';
  const at = (c: string, method: string) => rows.find((r) => r.case === c && r.effort === effort && r.method === method);
  const lines: TargetLine[] = [];

  for (const c of options.cases) {
    const target = `${c}: default ≥ best baseline + ${MARGIN_OVER_BASELINES} mean Dice`;
    const def = at(c, 'default');
    const baselines = options.baselines.map((b) => at(c, b)).filter((r): r is SummaryRow => r !== undefined);
    if (!def || baselines.length === 0) {
      lines.push({ target, measured: 'default or every baseline not run', verdict: 'NOT RUN' });
      continue;
    }
    const best = baselines.reduce((a, b) => (b.mean > a.mean ? b : a));
    lines.push({ target, measured: `default ${f3(def.mean)} vs ${best.method} ${f3(best.mean)}`, verdict: verdict(def.mean >= best.mean + MARGIN_OVER_BASELINES) });
  }

  for (const t of CLASS_TARGETS) {
    if (!options.cases.includes(t.case)) continue;
    const target = `${t.case}: default ${t.classes.length > 1 ? `mean Dice(${t.classes.join(', ')})` : `Dice ${t.classes[0]}`} ≥ ${t.threshold}`;
    const def = at(t.case, 'default');
    if (!def) {
      lines.push({ target, measured: 'default not run', verdict: 'NOT RUN' });
      continue;
    }
    const value = t.classes.reduce((s, name) => s + def.dice[name], 0) / t.classes.length;
    lines.push({ target, measured: f3(value), verdict: verdict(value >= t.threshold) });
  }

  const pairs = options.cases.map((c) => ({ c, def: at(c, 'default'), sup: at(c, 'supervised') })).filter((p) => p.def && p.sup);
  if (pairs.length === 0) {
    lines.push({ target: `SSLDEC ≥ supervised-only + ${MARGIN_OVER_SUPERVISED} on the suite's mean`, measured: 'default or supervised not run', verdict: 'NOT RUN' });
  } else {
    const suite = (m: 'def' | 'sup') => pairs.reduce((s, p) => s + p[m]!.mean, 0) / pairs.length;
    const [d, s] = [suite('def'), suite('sup')];
    const complete = pairs.length === options.cases.length && options.cases.length >= 4;
    lines.push({
      target: `SSLDEC ≥ supervised-only + ${MARGIN_OVER_SUPERVISED} on the suite's mean (mean of case means)`,
      measured: `${f3(d)} vs ${f3(s)} over ${pairs.length} case(s)`,
      verdict: complete ? verdict(d >= s + MARGIN_OVER_SUPERVISED) : 'NOT RUN',
    });
    const wins = pairs.filter((p) => p.def!.mean > p.sup!.mean);
    lines.push({
      target: 'SSLDEC above supervised-only on ≥ 3 of the 4 cases',
      measured: `above on ${wins.length} of ${pairs.length}${wins.length ? ` (${wins.map((p) => p.c).join(', ')})` : ''}`,
      verdict: complete ? verdict(wins.length >= 3) : 'NOT RUN',
    });
  }

  const defaultRows = rows.filter((r) => r.method === 'default');
  const missing = defaultRows.reduce((s, r) => s + r.runsMissingAClass, 0);
  const runs = defaultRows.reduce((s, r) => s + r.runs, 0);
  lines.push({
    target: 'no scribbled class missing from any default prediction (every effort)',
    measured: runs ? `${missing} of ${runs} runs miss a class` : 'default not run',
    verdict: runs ? verdict(missing === 0) : 'NOT RUN',
  });

  const cost = at(COST_CASE, 'default');
  const costTarget = `${COST_CASE} on wasm: first prediction ≤ ${MAX_FIRST_PREDICTION_S} s, final ≤ ${MAX_FINAL_PREDICTION_S} s`;
  if (!cost) lines.push({ target: costTarget, measured: 'default not run on this case', verdict: 'NOT RUN' });
  else if (options.backend !== 'wasm') lines.push({ target: costTarget, measured: `run on ${options.backend}, not wasm`, verdict: 'NOT RUN' });
  else {
    lines.push({
      target: costTarget,
      measured: `${cost.firstPredictionSeconds.toFixed(1)} s / ${cost.totalSeconds.toFixed(1)} s`,
      verdict: verdict(cost.firstPredictionSeconds <= MAX_FIRST_PREDICTION_S && cost.totalSeconds <= MAX_FINAL_PREDICTION_S),
    });
  }
  return lines;
}
