/**
 * bench:seg:bound — the appearance bound of each case (appearanceBound.ts): per class, the best Dice any per-voxel
 * classifier of the image, and of the image with its local mean, can reach, found with the truth itself. It tells
 * which of the suite's per-class targets intensity and local appearance could reach at all, and which need anatomy
 * or connectivity (the bound of the scored classes' mean is the mean of the per-class bounds).
 *
 *   npm run bench:seg:bound -- [--cases a,b] [--sigmas 1,2] [--json out.json]
 *
 * Feature sets: the image channels; the channels and their Gaussian at σ mm (in-plane on 2D cases), one set per σ.
 * No scribbles, no seeds, no backend: deterministic.
 */
import { writeFileSync } from 'node:fs';
import { filterAxis, gaussianKernel } from '../../src/ssldec/data/filterBank';
import { BenchArgumentError, listFlag, numberListFlag, parseFlags } from '../lib/args';
import { markdownTable, mean, type Cell } from '../lib/table';
import { appearanceBound, binsFor } from './appearanceBound';
import { CASE_NAMES, CASES, SUITE_CASE_NAMES, type CaseSubject, type SegCase } from './cases';

interface BoundRecord {
  case: string;
  subject: string;
  features: string;
  binsPerFeature: number;
  meanDice: number;
  dice: Record<string, number>;
}

/** A channel smoothed by a Gaussian of σ mm along the case's filtered axes. */
function gaussianMm(values: Float32Array, subject: CaseSubject, sigmaMm: number, twoD: boolean): Float32Array {
  const dims = subject.volume.dimensions;
  const axes: Array<0 | 1 | 2> = twoD ? [0, 1] : [0, 1, 2];
  return axes.reduce((src, axis) => (dims[axis] > 1 ? filterAxis(src, dims, axis, gaussianKernel(sigmaMm / subject.volume.spacing[axis], 0)) : src), values);
}

function bounds(segCase: SegCase, subject: CaseSubject, sigmas: number[]): BoundRecord[] {
  const channels = subject.volume.channels;
  const sets: Array<[string, Float32Array[]]> = [
    [`image (${channels.length} channel${channels.length > 1 ? 's' : ''})`, channels],
    ...sigmas.map((s): [string, Float32Array[]] => [`image + Gaussian ${s} mm`, [...channels, ...channels.map((c) => gaussianMm(c, subject, s, segCase.twoD))]]),
  ];
  return sets.map(([features, arrays]) => {
    const bins = binsFor(subject.truth.data.length, arrays.length);
    const bound = appearanceBound(arrays, subject.truth.data, bins, segCase.scored);
    const dice = Object.fromEntries(segCase.scored.map((v) => [segCase.classes.find((c) => c.value === v)!.name, bound[v]]));
    return { case: segCase.name, subject: subject.id, features, binsPerFeature: bins, meanDice: mean(Object.values(dice)), dice };
  });
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2), ['cases', 'sigmas', 'json']);
  const caseNames = listFlag(flags, 'cases', SUITE_CASE_NAMES);
  const unknown = caseNames.find((c) => !CASE_NAMES.includes(c));
  if (unknown) throw new BenchArgumentError(`Unknown case "${unknown}". Known: ${CASE_NAMES.join(', ')}`);
  const sigmas = numberListFlag(flags, 'sigmas', [1, 2]);
  if (sigmas.some((s) => !(s > 0))) throw new BenchArgumentError(`--sigmas expects positive widths in mm, got ${sigmas.join(',')}`);
  const records: BoundRecord[] = [];
  for (const name of caseNames) {
    const segCase = CASES.find((c) => c.name === name)!.load();
    for (const subject of segCase.subjects) {
      const rows = bounds(segCase, subject, sigmas);
      records.push(...rows);
      console.error(`${name}/${subject.id}: ${rows.map((r) => `${r.features} ${r.meanDice.toFixed(3)}`).join(', ')}`);
    }
    // Per case: each class's Dice averaged over the case's subjects.
    const mine = records.filter((r) => r.case === name);
    const classNames = Object.keys(mine[0].dice);
    const featureSets = [...new Set(mine.map((r) => r.features))];
    const rows: Cell[][] = featureSets.map((f) => {
      const of = mine.filter((r) => r.features === f);
      return [f, String(of[0].binsPerFeature), mean(of.map((r) => r.meanDice)), ...classNames.map((c) => mean(of.map((r) => r.dice[c])))];
    });
    console.log(`\n#### ${name}: appearance bound per class (best Dice of any classifier of these features, from the truth; subjects averaged)\n`);
    console.log(markdownTable(['features', 'bins per feature', 'mean Dice', ...classNames], rows));
  }
  if (flags.has('json')) writeFileSync(flags.get('json')!, JSON.stringify(records, null, 1));
  console.log(`JSON: ${JSON.stringify(records)}`);
}

main();
