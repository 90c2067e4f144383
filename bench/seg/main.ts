/**
 * bench:seg — segmentation quality from simulated scribbles on a real brain (shared/data/brain-t1-freesurfer),
 * SSLDEC vs the same network supervised-only vs an intensity-likelihood classifier, on identical scribbles.
 *
 *   npm run bench:seg -- [--efforts 3x3,5x5 | --slices 1,3,5 --strokes 3,5] [--seeds 1,2,3] [--methods ssldec,supervised,likelihood]
 *                        [--backend cpu] [--preset cpu] [--max-rounds R] [--filter-scales 4] [--l2 0.01] [--max-slices S] [--budget-minutes T]
 *                        [--json out.json]
 *
 * Prints one row per run, a summary per method and effort, the targets beside them, and the JSON of everything.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, ClassInfo } from '../../src/ssldec';
import { BenchArgumentError, choiceFlag, choiceListFlag, numberFlag, numberListFlag, parseFlags } from '../lib/args';
import { startNodeBackend } from '../lib/nodeBackend';
import { markdownTable, mean } from '../lib/table';
import { loadBrain, TISSUE_NAMES } from './brainData';
import { diceScores } from './dice';
import { METHOD_LABELS, runMethod, SEG_METHODS, type SegMethod } from './runMethod';
import { simulateScribbles } from './simulateScribbles';

const BACKGROUND = 4;
const CLASSES: ClassInfo[] = [
  { value: 1, name: 'CSF' },
  { value: 2, name: 'GM' },
  { value: 3, name: 'WM' },
  { value: BACKGROUND, name: 'Background' },
];
const TARGET_MEAN_GM_WM = 0.9;
const TARGET_MAX_SLICES = 5;

interface RunRecord {
  slices: number;
  strokes: number;
  seed: number;
  method: SegMethod;
  scribbledSlices: number[];
  labelledVoxels: number;
  labelledShareCrop: number;
  labelledShareFull: number;
  dice: { CSF: number; GM: number; WM: number };
  meanGmWm: number;
  meanAll: number;
  firstPredictionSeconds?: number;
  totalSeconds: number;
  backend: string;
  rounds?: number;
  steps?: number;
  memory: { rssMiB: number; heapUsedMiB: number; externalMiB: number; tfTensorMiB: number };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), [
    'slices', 'strokes', 'efforts', 'seeds', 'methods', 'backend', 'preset', 'max-rounds', 'filter-scales', 'l2', 'max-slices', 'budget-minutes', 'json',
  ]);
  const efforts = effortList(flags);
  const seeds = numberListFlag(flags, 'seeds', [1, 2, 3]);
  const methods = choiceListFlag(flags, 'methods', SEG_METHODS, [...SEG_METHODS]);
  const backend = choiceFlag<BackendName>(flags, 'backend', ['cpu', 'wasm', 'webgpu'], 'cpu');
  const preset = flags.has('preset') ? choiceFlag(flags, 'preset', ['default', 'cpu', 'tiny'] as const, 'cpu') : undefined;
  const maxRounds = flags.has('max-rounds') ? numberFlag(flags, 'max-rounds', 0) : undefined;
  const filterScales = flags.has('filter-scales') ? numberListFlag(flags, 'filter-scales', []) : undefined;
  const l2 = flags.has('l2') ? numberFlag(flags, 'l2', 0) : undefined;
  const maxSlices = flags.has('max-slices') ? numberFlag(flags, 'max-slices', 0) : undefined;
  const budgetSeconds = numberFlag(flags, 'budget-minutes', Infinity) * 60;

  const active = await startNodeBackend(backend);
  const brain = loadBrain({ maxSlices });
  const fullVoxels = brain.originalDimensions.reduce((a, b) => a * b, 1);
  const cropVoxels = brain.truth.data.length;
  console.error(
    `bench:seg backend=${active} (tf.getBackend()=${tf.getBackend()}) preset=${preset ?? 'engine default'} filterScales=[${filterScales ?? []}] l2=${l2 ?? 'preset'} ` +
      `crop ${brain.volume.dimensions.join('x')} of ${brain.originalDimensions.join('x')} at [${brain.box.start}]`,
  );

  const records: RunRecord[] = [];
  const skipped: string[] = [];
  const started = performance.now();
  for (const [slices, strokes] of efforts) {
    {
      for (const seed of seeds) {
        const sim = simulateScribbles(brain.truth, { slices, strokesPerClass: strokes, seed, backgroundValue: BACKGROUND });
        for (const method of methods) {
          const label = `slices=${slices} strokes=${strokes} seed=${seed} ${method}`;
          if ((performance.now() - started) / 1000 > budgetSeconds) {
            skipped.push(label);
            continue;
          }
          const run = await runMethod(method, brain.volume, sim.scribbles, { backend: active, preset, maxRounds, filterScales, l2, seed, classes: CLASSES });
          const predicted = run.prediction.data.map((v) => (v === BACKGROUND ? 0 : v));
          const dice = diceScores(predicted, brain.truth.data, [1, 2, 3], [2, 3]);
          const record: RunRecord = {
            slices, strokes, seed, method,
            scribbledSlices: sim.slices,
            labelledVoxels: sim.labelledVoxels,
            labelledShareCrop: sim.labelledShare,
            labelledShareFull: sim.labelledVoxels / fullVoxels,
            dice: { CSF: dice.perClass[1], GM: dice.perClass[2], WM: dice.perClass[3] },
            meanGmWm: dice.meanTissue,
            meanAll: dice.meanAll,
            firstPredictionSeconds: run.firstPredictionSeconds,
            totalSeconds: run.totalSeconds,
            backend: run.backend,
            rounds: run.rounds,
            steps: run.steps,
            memory: run.memory,
          };
          records.push(record);
          console.error(
            `${label}: Dice CSF ${record.dice.CSF.toFixed(3)} GM ${record.dice.GM.toFixed(3)} WM ${record.dice.WM.toFixed(3)} ` +
              `mean(GM,WM) ${record.meanGmWm.toFixed(3)} in ${run.totalSeconds.toFixed(1)} s`,
          );
        }
      }
    }
  }
  printReport(records, skipped, { backend: active, preset, crop: brain.volume.dimensions, cropVoxels, fullVoxels });
  const json = { benchmark: 'seg', backend: active, preset: preset ?? 'engine default', filterScales: filterScales ?? [], l2: l2 ?? 'preset', data: brain.files, crop: brain.box, records, skipped };
  if (flags.has('json')) writeFileSync(flags.get('json') as string, JSON.stringify(json, null, 2));
  console.log('\nJSON:\n' + JSON.stringify(json));
}

/** Effort pairs [slices, strokes]: `--efforts 3x3,5x5`, or the grid of `--slices` × `--strokes` (default 3×3). */
function effortList(flags: Map<string, string>): Array<[number, number]> {
  const raw = flags.get('efforts');
  if (raw !== undefined) {
    return raw.split(',').map((pair) => {
      const match = /^(\d+)x(\d+)$/.exec(pair.trim());
      if (!match) throw new BenchArgumentError(`--efforts expects pairs like 3x3,5x5 (slices x strokes), got "${pair}"`);
      return [Number(match[1]), Number(match[2])] as [number, number];
    });
  }
  const slices = numberListFlag(flags, 'slices', [3]);
  const strokes = numberListFlag(flags, 'strokes', [3]);
  return slices.flatMap((n) => strokes.map((m) => [n, m] as [number, number]));
}

function printReport(
  records: RunRecord[],
  skipped: string[],
  info: { backend: string; preset?: string; crop: number[]; cropVoxels: number; fullVoxels: number },
): void {
  const percent = (x: number) => `${(100 * x).toFixed(4)} %`;
  console.log(`\n## bench:seg — brain-t1-freesurfer, crop ${info.crop.join('x')} (${info.cropVoxels} voxels), backend ${info.backend}, preset ${info.preset ?? 'engine default'}\n`);
  console.log('### Every run\n');
  console.log(
    markdownTable(
      ['slices×strokes', 'seed', 'method', 'labelled voxels (share of 256³)', 'Dice CSF', 'GM', 'WM', 'mean(GM,WM)', 'mean(3)', 'first pred. s', 'total s', 'rounds', 'peak RSS MiB', 'peak tensors MiB'],
      records.map((r) => [
        `${r.slices}×${r.strokes}`, String(r.seed), METHOD_LABELS[r.method], `${r.labelledVoxels} (${percent(r.labelledShareFull)})`,
        r.dice.CSF, r.dice.GM, r.dice.WM, r.meanGmWm, r.meanAll, r.firstPredictionSeconds, r.totalSeconds, r.rounds === undefined ? undefined : String(r.rounds),
        r.memory.rssMiB.toFixed(0), r.memory.tfTensorMiB.toFixed(2),
      ]),
    ),
  );
  console.log('\n### Mean over seeds\n');
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.slices}|${r.strokes}|${r.method}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const summary = [...groups.values()].map((rs) => {
    const r0 = rs[0];
    return {
      effort: `${r0.slices}×${r0.strokes}`, slices: r0.slices, method: r0.method, seeds: rs.length,
      csf: mean(rs.map((r) => r.dice.CSF)), gm: mean(rs.map((r) => r.dice.GM)), wm: mean(rs.map((r) => r.dice.WM)),
      gmwm: mean(rs.map((r) => r.meanGmWm)), all: mean(rs.map((r) => r.meanAll)),
      first: mean(rs.map((r) => r.firstPredictionSeconds ?? NaN)), total: mean(rs.map((r) => r.totalSeconds)),
      share: mean(rs.map((r) => r.labelledShareFull)),
    };
  });
  console.log(
    markdownTable(
      ['slices×strokes', 'method', 'seeds', 'labelled share of 256³', 'Dice CSF', 'GM', 'WM', 'mean(GM,WM)', 'mean(3)', 'first pred. s', 'total s'],
      summary.map((s) => [s.effort, METHOD_LABELS[s.method], String(s.seeds), percent(s.share), s.csf, s.gm, s.wm, s.gmwm, s.all, s.first, s.total]),
    ),
  );
  console.log('\n### Targets\n');
  for (const effort of new Set(summary.map((s) => s.effort))) {
    const at = (m: SegMethod) => summary.find((s) => s.effort === effort && s.method === m);
    const [ssl, sup, lik] = [at('ssldec'), at('supervised'), at('likelihood')];
    const lines: string[] = [];
    if (ssl && ssl.slices <= TARGET_MAX_SLICES) {
      lines.push(`mean Dice(GM,WM) >= ${TARGET_MEAN_GM_WM} with <= ${TARGET_MAX_SLICES} slices: SSLDEC ${ssl.gmwm.toFixed(3)} -> ${ssl.gmwm >= TARGET_MEAN_GM_WM ? 'MET' : 'NOT MET'}`);
    }
    if (ssl && sup) lines.push(`SSLDEC > supervised-only (mean of 3 classes): ${ssl.all.toFixed(3)} vs ${sup.all.toFixed(3)} -> ${ssl.all > sup.all ? 'MET' : 'NOT MET'}`);
    if (ssl && lik) lines.push(`SSLDEC > intensity likelihood (mean of 3 classes): ${ssl.all.toFixed(3)} vs ${lik.all.toFixed(3)} -> ${ssl.all > lik.all ? 'MET' : 'NOT MET'}`);
    if (sup && lik) lines.push(`supervised-only > intensity likelihood (mean of 3 classes): ${sup.all.toFixed(3)} vs ${lik.all.toFixed(3)} -> ${sup.all > lik.all ? 'MET' : 'NOT MET'}`);
    console.log(`- ${effort}: ${lines.join('; ') || 'no comparable methods run'}`);
  }
  if (skipped.length) console.log(`\nSkipped by --budget-minutes (${skipped.length}): ${skipped.join('; ')}`);
  console.log(`\nTruth: FreeSurfer aseg collapsed to CSF (ventricles only) / GM / WM; background scribbled as class ${BACKGROUND}, scored as 0. Names: ${Object.values(TISSUE_NAMES).join(', ')}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
