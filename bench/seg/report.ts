/** Markdown tables of a suite run: per case, the suite's means per method, and the targets. */
import { markdownTable, mean } from '../lib/table';
import type { ClassInfo } from '../../src/ssldec';
import { SUITE_CASE_NAMES } from './cases';
import type { SegMethod } from './methods';
import type { SummaryRow } from './summary';
import type { TargetLine } from './targets';
import type { RefinementWarningCount } from './refinementWarnings';

/** What the report needs of a case (also what the JSON keeps of it). */
export interface CaseInfo {
  name: string;
  classes: ClassInfo[];
  scored: number[];
  twoD: boolean;
  subjects: Array<{ id: string; grid: string; channels?: string[] }>;
}

export interface ReportInput {
  cases: CaseInfo[];
  summary: SummaryRow[];
  targets: TargetLine[];
  skipped: string[];
  methods: readonly SegMethod[];
  backend: string;
  seeds: number[];
  efforts: string[];
  refinement: RefinementWarningCount;
}

export function printReport(r: ReportInput): void {
  const label = (name: string) => r.methods.find((m) => m.name === name)?.label ?? name;
  console.log(`\n## bench:seg suite — backend ${r.backend}, efforts ${r.efforts.join(', ')} (slices × strokes per class), seeds ${r.seeds.join(', ')}\n`);
  for (const c of r.cases) {
    const rows = r.summary.filter((s) => s.case === c.name);
    const scored = c.classes.filter((k) => c.scored.includes(k.value)).map((k) => k.name);
    console.log(`### ${c.name}${c.twoD ? ' (2D per slice)' : ''}\n`);
    console.log(c.subjects.map((s) => `- ${s.id}: ${s.grid}${s.channels ? `; channels ${s.channels.join(' + ')}` : ''}`).join('\n'));
    console.log(`- mean = mean Dice over ${scored.join(', ')}; means over seeds${c.subjects.length > 1 ? ' and patients' : ''}; peaks are the largest of the runs\n`);
    console.log(
      markdownTable(
        ['effort', 'method', 'runs', ...c.classes.map((k) => `Dice ${k.name}`), 'mean', 'first pred. s', 'total s', 'peak RSS MiB', 'peak tensors MiB', 'runs missing a class'],
        rows.map((s) => [
          s.effort, label(s.method), String(s.runs), ...c.classes.map((k) => s.dice[k.name]), s.mean,
          s.firstPredictionSeconds.toFixed(1), s.totalSeconds.toFixed(1), s.peakRssMiB.toFixed(0), s.peakTensorMiB.toFixed(1), String(s.runsMissingAClass),
        ]),
      ),
    );
    console.log('');
  }

  console.log('### Suite: mean Dice per case and their mean\n');
  const names = r.cases.map((c) => c.name);
  const keys = [...new Set(r.summary.map((s) => `${s.effort}|${s.method}`))];
  console.log(
    markdownTable(
      ['effort', 'method', ...names, 'suite mean'],
      keys.map((key) => {
        const [effort, method] = key.split('|');
        const means = names.map((n) => r.summary.find((s) => s.case === n && s.effort === effort && s.method === method)?.mean);
        // The suite's mean is over its own cases: a held-out case is shown beside them, not averaged in.
        const suite = means.filter((_, i) => SUITE_CASE_NAMES.includes(names[i]));
        const complete = suite.length > 0 && suite.every((m) => m !== undefined);
        return [effort, label(method), ...means, complete ? mean(suite as number[]) : undefined];
      }),
    ),
  );

  console.log('\n### Targets (issue 9; engine default, 3x3 unless said)\n');
  console.log(markdownTable(['target', 'measured', 'verdict'], r.targets.map((t) => [t.target, t.measured, t.verdict])));
  // Not a target: how often the product's warning (panel, CLI) would have told the user to look at the first result.
  const w = r.refinement;
  console.log(`\nRefinement warning (a class under a quarter or over four times its first-result voxels): ${w.warned.length} class(es) ` +
    `flagged over ${w.runs} engine run(s) with a first result${w.warned.length ? `:\n${w.warned.map((l) => `- ${l}`).join('\n')}` : ''}`);
  if (r.skipped.length) console.log(`\nSkipped by --budget-minutes (${r.skipped.length}): ${r.skipped.join('; ')}`);
}
