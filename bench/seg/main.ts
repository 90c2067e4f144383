/**
 * bench:seg — the segmentation suite: real cases from ../shared/data (cases/), simulated clinician scribbles at
 * several efforts and seeds, and every method (methods.ts) on identical scribbles. Prints per-case tables, the
 * suite's means, the issue's targets as MET / NOT MET, and last `JSON:` with every run.
 *
 *   npm run bench:seg -- [--cases a,b] [--methods default,supervised,baselines,ablations,all] [--efforts 3x3,5x5]
 *                        [--seeds 1,2,3] [--backend wasm|cpu|webgpu] [--preset cpu|default|tiny] [--max-rounds R]
 *                        [--filter-scales 4] [--l2 0.01] [--subjects pat0006] [--corrections N] [--budget-minutes T]
 *                        [--network-seed-offsets 0,1000] [--catch-all-near 10] [--slab 3]
 *                        [--correction-slice worst|doubt|changed|either|both] [--correction-train fresh|retrain]
 *                        [--json out.json] [--save-predictions DIR]
 *   npm run bench:seg -- --report a.json,b.json      # tables and targets of saved runs, merged (no run)
 *
 * An effort "3xfill" paints every pixel of the slices 3x3 would stroke with its class (a clinician who fills the
 * structures on a few slices instead of stroking them; not in the default efforts or the targets).
 * --correction-slice doubt: each correction round strokes the slice the engine doubts most (the largest sum of
 * 1 − max q, among the slices not yet scribbled; engine methods only) instead of the one the truth shows most wrong;
 * recorded as efforts "3x3+1doubt". --correction-slice changed: the slice where the run's first result and its final
 * one differ most (where the SSLDEC rounds moved it most; engine methods only); efforts "3x3+1changed".
 * --correction-slice either: both of those slices are offered and the clinician corrects the one where the result
 * is more visibly wrong (as the truth shows it, as for worst); efforts "3x3+1either". --correction-slice both: they
 * correct both before the new run (two slices of strokes for one run); efforts "3x3+1both".
 * --correction-train retrain: each corrected run continues from the previous run's model (the panel's Retrain)
 * instead of training a fresh one (the panel's Train); recorded with "retrain" appended ("3x3+1retrain").
 * --slab N: every case's thin slices averaged N at a time into thick ones along k, the truth of each slab's middle
 * slice (cases/thickSlices.ts: a scanner with N times thicker slices); recorded as efforts "3x3slabN" (not in the
 * targets). 3D cases only.
 * --catch-all-near R: the classes not scored (the catch-all) are stroked only within R pixels of the scored ones on
 * each slice, as the panel asks of a Background class; recorded as efforts "3x3nearR" (not in the targets).
 * --corrections N: after each run, N rounds of a simulated clinician's corrections (simulateCorrection.ts: strokes
 * where that method's prediction missed, on its most wrong slice), each followed by a fresh run of the method on all
 * the scribbles so far; recorded as efforts "3x3+1", "3x3+2" (not in the targets).
 * --preset, --max-rounds, --filter-scales and --l2 override the engine for every engine method (ablations too).
 * --save-predictions DIR: every run's prediction (and an engine's first result) as NIfTI in DIR, with each subject's
 * image and truth and each draw's scribbles, all on the case's grid (predictionFiles.ts), for looking at the errors.
 * --network-seed-offsets: each engine method trains once per offset on every draw, from the draw's seed + offset
 * (default 0 alone: the draw's seed), and the means average them. The network's own seed moves a case's mean over
 * three draws by ~0.01–0.02 (BENCHMARKS.md): whether a paired gain that small holds is what several network seeds tell.
 * --warm-filter-bank: the engine runs on a subject share one filter-bank cache, as the viewer's training worker does
 * (src/ssldec/data/FilterBankCache.ts): a subject's first engine run computes the bank, every later one reuses it, so
 * their times are those of a correction or Retrain in the viewer. Results are the same either way.
 * --one-thread: the engine computes its set-up (filter bank, geodesic distances) on its own thread, without the second
 * thread the viewer and the CLI share it with (src/cli/nodeSetupRunner.ts); for timing. Results are the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { countLabels, FilterBankCache, leastConfidentSlice, mostChangedSlice, PRESET_NAMES, type BackendName, type SsldecModel } from '../../src/ssldec';
import type { Labelmap } from '../../src/volume/Volume';
import { BenchArgumentError, FILL, choiceFlag, effortLabel, effortList, listFlag, numberFlag, numberListFlag, parseFlags, type Flags } from '../lib/args';
import { startNodeBackend } from '../lib/nodeBackend';
import { setupThreadBeside } from '../../src/cli/nodeSetupRunner';
import type { EngineOverrides } from './ablations';
import { CASE_NAMES, CASES, SUITE_CASE_NAMES, type SegCase } from './cases';
import { checkTruth } from './cases/SegCase';
import { thickSlices } from './cases/thickSlices';
import { completeDraws } from './completeDraws';
import { confusionFromPairs, diceFromPairs, labelPairCounts } from './dice';
import { BASELINE_NAMES, METHOD_NAMES, METHODS, resolveMethods, SubjectCache } from './methods';
import { PredictionFiles } from './predictionFiles';
import { printReport, type CaseInfo } from './report';
import { countRefinementWarnings } from './refinementWarnings';
import { simulateCorrection } from './simulateCorrection';
import { simulateScribbles } from './simulateScribbles';
import { summarise, type RunRecord } from './summary';
import { evaluateTargets } from './targets';

const DEFAULT_EFFORTS = '3x3,5x5';
const DEFAULT_SEEDS = [1, 2, 3];

/** A prediction's Dice by class name, mean over the scored classes, voxels per class name, and where each class went. */
function scoreByName(prediction: Labelmap, truth: Labelmap, classValues: number[], scored: number[], nameOf: Map<number, string>) {
  const pairs = labelPairCounts(prediction.data, truth.data);
  const dice = diceFromPairs(pairs, classValues, scored);
  const counts = countLabels(prediction);
  const confusion = confusionFromPairs(pairs, classValues);
  const byName = <T>(value: (v: number) => T) => Object.fromEntries(classValues.map((v) => [nameOf.get(v)!, value(v)]));
  return {
    dice: byName((v) => dice.perClass[v]), mean: dice.meanTissue, voxelsPerClass: byName((v) => counts[v]),
    confusion: byName((t) => byName((p) => confusion.get(t)!.get(p)!)),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), [
    'cases', 'methods', 'efforts', 'seeds', 'backend', 'preset', 'max-rounds', 'filter-scales', 'l2', 'budget-minutes', 'json', 'report', 'subjects', 'corrections',
    'network-seed-offsets', 'catch-all-near', 'correction-slice', 'correction-train', 'slab', 'save-predictions',
    'warm-filter-bank', 'one-thread',
  ]);
  if (flags.has('report')) {
    reportSavedRuns(listFlag(flags, 'report', []));
    return;
  }
  const caseNames = listFlag(flags, 'cases', SUITE_CASE_NAMES);
  const unknownCase = caseNames.find((c) => !CASE_NAMES.includes(c));
  if (unknownCase) throw new BenchArgumentError(`Unknown case "${unknownCase}". Known: ${CASE_NAMES.join(', ')}`);
  const methods = resolveMethods(listFlag(flags, 'methods', ['all']));
  const efforts = effortList(flags.get('efforts') ?? DEFAULT_EFFORTS, 'efforts', true);
  const seeds = numberListFlag(flags, 'seeds', DEFAULT_SEEDS);
  const networkSeedOffsets = numberListFlag(flags, 'network-seed-offsets', [0]);
  if (networkSeedOffsets.some((o) => !Number.isInteger(o)) || new Set(networkSeedOffsets).size !== networkSeedOffsets.length) {
    throw new BenchArgumentError(`--network-seed-offsets expects distinct whole numbers like 0,1000, got ${networkSeedOffsets.join(',')}`);
  }
  const backend = choiceFlag<BackendName>(flags, 'backend', ['cpu', 'wasm', 'webgpu'], 'wasm');
  const budgetSeconds = numberFlag(flags, 'budget-minutes', Infinity) * 60;
  const engineOverrides = overridesFromFlags(flags);
  const subjectIds = flags.has('subjects') ? listFlag(flags, 'subjects', []) : undefined;
  const correctionSlice = choiceFlag(flags, 'correction-slice', ['worst', 'doubt', 'changed', 'either', 'both'] as const, 'worst');
  const correctionTrain = choiceFlag(flags, 'correction-train', ['fresh', 'retrain'] as const, 'fresh');
  const catchAllNear = flags.has('catch-all-near') ? numberFlag(flags, 'catch-all-near', 0) : undefined;
  if (catchAllNear !== undefined && !(Number.isInteger(catchAllNear) && catchAllNear >= 1)) {
    throw new BenchArgumentError(`--catch-all-near expects a radius in pixels (a whole number, 1 or more), got ${catchAllNear}`);
  }
  const slab = flags.has('slab') ? numberFlag(flags, 'slab', 0) : undefined;
  const corrections = numberFlag(flags, 'corrections', 0);
  const warmFilterBank = flags.has('warm-filter-bank');
  // One runner for the process, as the viewer's worker holds one (it starts a thread for each run's set-up).
  const setupRunner = flags.has('one-thread') ? undefined : setupThreadBeside(__filename);
  if (!Number.isInteger(corrections) || corrections < 0) throw new BenchArgumentError(`--corrections expects a whole number of rounds (0 or more), got ${corrections}`);
  const saved = flags.has('save-predictions') ? new PredictionFiles(String(flags.get('save-predictions'))) : undefined;

  const active = await startNodeBackend(backend);
  console.error(`bench:seg backend=${active} (tf.getBackend()=${tf.getBackend()}) cases=${caseNames.join(',')} methods=${methods.map((m) => m.name).join(',')} overrides=${JSON.stringify(engineOverrides)}`);

  const records: RunRecord[] = [];
  const skipped: string[] = [];
  const cases: SegCase[] = [];
  const started = performance.now();
  for (const loader of CASES.filter((c) => caseNames.includes(c.name))) {
    const segCase = loader.load();
    cases.push(segCase);
    const classValues = segCase.classes.map((c) => c.value);
    const nameOf = new Map(segCase.classes.map((c) => [c.value, c.name]));
    if (subjectIds) segCase.subjects = segCase.subjects.filter((s) => subjectIds.includes(s.id));
    if (segCase.subjects.length === 0) throw new BenchArgumentError(`--subjects ${subjectIds?.join(',')} selects no subject of ${segCase.name}`);
    if (slab !== undefined) {
      if (segCase.twoD) throw new BenchArgumentError(`--slab needs 3D cases: ${segCase.name} is a set of 2D slices`);
      segCase.subjects = segCase.subjects.map((s) => thickSlices(s, slab));
      segCase.subjects.forEach((s) => checkTruth(segCase, s));
    }
    for (const subject of segCase.subjects) {
      console.error(`${segCase.name}/${subject.id}: ${subject.grid}, channels ${subject.volume.channelNames?.join('+') ?? subject.volume.channels.length}`);
      const cache = new SubjectCache();
      const filterBankCache = warmFilterBank ? new FilterBankCache() : undefined;
      const savedAs = { caseName: segCase.name, subject: subject.id };
      saved?.write({ ...savedAs, what: 'image' }, subject.volume);
      saved?.write({ ...savedAs, what: 'truth' }, subject.truth);
      for (const [slices, strokes] of efforts) {
        const effort = effortLabel([slices, strokes]) + (catchAllNear ? `near${catchAllNear}` : '') + (slab ? `slab${slab}` : '');
        for (const seed of seeds) {
          const sim = simulateScribbles(subject.truth, {
            slices, strokesPerClass: strokes, fill: strokes === FILL, seed, truthClasses: classValues,
            ...(catchAllNear ? { catchAllNear: { values: classValues.filter((v) => !segCase.scored.includes(v)), radius: catchAllNear } } : {}),
          });
          // A case's contract (SegCase.ts): every class is scribbled. A class no chosen slice has room for would be
          // scored unstroked and could never count as missing, so the case is wrong, not the method.
          const unstroked = segCase.classes.filter((c) => !sim.voxelsPerClass[c.value]);
          if (unstroked.length) {
            throw new Error(`${segCase.name}/${subject.id} ${effort} seed=${seed}: no stroke for ${unstroked.map((c) => c.name).join(', ')} on slices [${sim.slices}]; the case's classes must share slices`);
          }
          saved?.write({ ...savedAs, draw: { effort, seed }, what: 'scribbles' }, sim.scribbles);
          console.error(`${segCase.name}/${subject.id} ${effort} seed=${seed}: scribbles on slices [${sim.slices}], voxels per class ${JSON.stringify(sim.voxelsPerClass)}`);
          // Each engine method once per network seed of the draw; baselines train no network and run once.
          const runs = methods.flatMap((method) => (method.kind === 'engine' ? networkSeedOffsets : [0]).map((offset) => ({ method, offset })));
          for (const { method, offset } of runs) {
            const networkSeed = seed + offset;
            const label = `${segCase.name}/${subject.id} ${effort} seed=${seed}${offset ? ` network seed=${networkSeed}` : ''} ${method.name}`;
            if ((performance.now() - started) / 1000 > budgetSeconds) {
              skipped.push(label);
              continue;
            }
            let scribbles = sim.scribbles;
            let labelledVoxels = sim.labelledVoxels;
            let scribbledSlices = sim.slices;
            // Round 0 is the effort's scribbles; each further round adds one slice of corrections (simulateCorrection.ts).
            // With --correction-train retrain, the model of each engine run trains on in the next round.
            const retrain = correctionTrain === 'retrain' && method.kind === 'engine';
            let previousModel: SsldecModel | undefined;
            for (let round = 0; round <= corrections; round++) {
              const run = await method.run({
                segCase, subject, scribbles, backend: active, seed, networkSeed, engineOverrides, cache, filterBankCache, setupRunner,
                initialModel: previousModel, keepModel: retrain && round < corrections,
              });
              previousModel?.dispose();
              previousModel = run.model;
              const score = scoreByName(run.prediction, subject.truth, classValues, segCase.scored, nameOf);
              const predicted = new Set(run.prediction.data);
              const record: RunRecord = {
                case: segCase.name,
                subject: subject.id,
                effort: round ? `${effort}+${round}${correctionSlice === 'worst' ? '' : correctionSlice}${retrain ? 'retrain' : ''}` : effort,
                slices,
                strokes,
                seed,
                ...(method.kind === 'engine' ? { networkSeed } : {}),
                method: method.name,
                scribbledSlices,
                labelledVoxels,
                labelledShare: labelledVoxels / scribbles.data.length,
                ...score,
                missingClasses: classValues.filter((v) => sim.voxelsPerClass[v] > 0 && !predicted.has(v)).map((v) => nameOf.get(v)!),
                ...(run.firstPrediction ? { firstResult: scoreByName(run.firstPrediction, subject.truth, classValues, segCase.scored, nameOf) } : {}),
                firstPredictionSeconds: run.firstPredictionSeconds,
                ...(run.setupSeconds !== undefined ? { setupSeconds: run.setupSeconds } : {}),
                totalSeconds: run.totalSeconds,
                backend: run.backend,
                rounds: run.rounds,
                ...(filterBankCache && method.kind === 'engine' ? { filterBankCache: true } : {}),
                ...(setupRunner && method.kind === 'engine' ? { setupThread: true } : {}),
                ...(run.growthStop ? { growthStop: run.growthStop } : {}),
                ...(run.kept ? { kept: run.kept } : {}),
                steps: run.steps,
                memory: run.memory,
              };
              records.push(record);
              if (saved) {
                const name = { ...savedAs, draw: { effort: record.effort, seed }, networkSeed, what: method.name };
                saved.write(name, run.prediction);
                if (run.firstPrediction) saved.write({ ...name, what: `${method.name}.first` }, run.firstPrediction);
                // A corrected round's scribbles follow that method's own errors.
                if (round > 0) saved.write({ ...name, what: `${method.name}.scribbles` }, scribbles);
              }
              console.error(
                `${label}${round ? ` +${round} correction${round > 1 ? 's' : ''}` : ''}: ${Object.entries(record.dice).map(([n, d]) => `${n} ${d.toFixed(3)}`).join(', ')}; mean ${record.mean.toFixed(3)}` +
                  `${record.missingClasses.length ? `; MISSING ${record.missingClasses.join(', ')}` : ''}; ${run.totalSeconds.toFixed(1)} s`,
              );
              if (round === corrections) break;
              // A corrective round strokes as the effort does (three strokes per class after slices painted whole).
              const strokesPerClass = strokes === FILL ? 3 : strokes;
              const doubt = correctionSlice === 'doubt' || correctionSlice === 'either' || correctionSlice === 'both';
              const changed = correctionSlice === 'changed' || correctionSlice === 'either' || correctionSlice === 'both';
              if (doubt && !run.confidence) throw new BenchArgumentError(`--correction-slice ${correctionSlice} needs the engine's confidence; ${method.name} has none`);
              if (changed && !run.firstPrediction) throw new BenchArgumentError(`--correction-slice ${correctionSlice} needs the engine's first result; ${method.name} has none`);
              const dims = subject.truth.dimensions;
              const offered = correctionSlice === 'worst' ? undefined : [
                ...(doubt ? [leastConfidentSlice(run.confidence!, dims, scribbledSlices).slice] : []),
                ...(changed ? [mostChangedSlice(run.firstPrediction!.data, run.prediction.data, dims, scribbledSlices).slice] : []),
              ];
              // 'both': each offered slice gets its own corrections before the one new run (the same slice once).
              const corrected = correctionSlice === 'both' ? [...new Set(offered)].map((k) => [k]) : [offered];
              corrected.forEach((slices, n) => {
                const fix = simulateCorrection(subject.truth, run.prediction, scribbles, { strokesPerClass, seed: seed * 100 + round + 1 + 50 * n, classes: classValues, slices });
                console.error(`${label}: correction ${round + 1} on slice ${fix.slice ?? 'none (no error wide enough to paint)'}, voxels per class ${JSON.stringify(fix.voxelsPerClass)}`);
                scribbles = fix.scribbles;
                if (fix.slice !== undefined && !scribbledSlices.includes(fix.slice)) scribbledSlices = [...scribbledSlices, fix.slice].sort((a, b) => a - b);
                labelledVoxels += Object.values(fix.voxelsPerClass).reduce((a, b) => a + b, 0);
              });
            }
          }
        }
      }
    }
  }
  const summary = summarise(records);
  const baselines = BASELINE_NAMES.filter((b) => methods.some((m) => m.name === b));
  const targets = evaluateTargets(summary, { baselines, backend: active, cases: cases.map((c) => c.name) });
  printReport({ cases: cases.map(caseInfo), summary, targets, skipped, methods: METHODS, backend: active, seeds, efforts: efforts.map(effortLabel), refinement: countRefinementWarnings(records) });
  const json = {
    benchmark: 'seg-suite',
    backend: active,
    engineOverrides,
    cases: cases.map((c) => caseInfo(c)),
    summary,
    targets,
    records,
    skipped,
  };
  if (flags.has('json')) writeFileSync(flags.get('json') as string, JSON.stringify(json, null, 2));
  console.log('\nJSON:\n' + JSON.stringify(json));
}

/** What the JSON and the report keep of a case. */
function caseInfo(c: SegCase): CaseInfo & { subjects: Array<{ files: string[] }> } {
  return {
    name: c.name,
    classes: c.classes,
    scored: c.scored,
    twoD: c.twoD,
    subjects: c.subjects.map((s) => ({ id: s.id, grid: s.grid, channels: s.volume.channelNames, files: s.files })),
  };
}

/**
 * --report a.json,b.json: the tables and targets of runs saved with --json (e.g. cases run in parallel processes),
 * merged as one suite. Runs must share a backend for the cost target to mean anything.
 */
function reportSavedRuns(files: string[]): void {
  if (files.length === 0) throw new BenchArgumentError('--report expects comma-separated JSON files written by --json');
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { backend: string; cases: CaseInfo[]; records: RunRecord[]; skipped: string[] });
  const backends = [...new Set(runs.map((r) => r.backend))];
  const cases = new Map<string, CaseInfo>();
  for (const run of runs) {
    for (const c of run.cases) {
      // The same case run in several processes (e.g. one patient each): keep every subject once.
      const known = cases.get(c.name);
      const subjects = [...(known?.subjects ?? []), ...c.subjects.filter((s) => !known?.subjects.some((k) => k.id === s.id))];
      cases.set(c.name, { ...c, subjects });
    }
  }
  const ordered = [...CASE_NAMES.filter((n) => cases.has(n)), ...[...cases.keys()].filter((n) => !CASE_NAMES.includes(n))].map((n) => cases.get(n)!);
  const { complete: records, dropped } = completeDraws(runs.flatMap((r) => r.records));
  const summary = summarise(records.sort((a, b) => CASE_NAMES.indexOf(a.case) - CASE_NAMES.indexOf(b.case) || a.effort.localeCompare(b.effort) || METHOD_NAMES.indexOf(a.method) - METHOD_NAMES.indexOf(b.method)));
  const baselines = BASELINE_NAMES.filter((b) => records.some((r) => r.method === b));
  const targets = evaluateTargets(summary, { baselines, backend: backends.length === 1 ? backends[0] : backends.join('+'), cases: ordered.map((c) => c.name) });
  const seeds = [...new Set(records.map((r) => r.seed))].sort((a, b) => a - b);
  const efforts = [...new Set(records.map((r) => r.effort))];
  printReport({ cases: ordered, summary, targets, skipped: runs.flatMap((r) => r.skipped), methods: METHODS, backend: backends.join('+'), seeds, efforts, refinement: countRefinementWarnings(records) });
  if (dropped.length) console.log(`\nLeft out, not every method ran on these draws (cut by --budget-minutes, or not run there): ${dropped.join('; ')}`);
  console.log(`\nMerged from: ${files.join(', ')}`);
}

/** Engine overrides from the command line, applied under each engine method's own. */
function overridesFromFlags(flags: Flags): EngineOverrides {
  const o: EngineOverrides = {};
  if (flags.has('preset')) o.preset = choiceFlag(flags, 'preset', PRESET_NAMES, 'cpu');
  if (flags.has('max-rounds')) o.maxRounds = numberFlag(flags, 'max-rounds', 0);
  if (flags.has('l2')) o.l2 = numberFlag(flags, 'l2', 0);
  if (flags.has('filter-scales')) o.model = { filterScales: numberListFlag(flags, 'filter-scales', []) };
  return o;
}

main().catch((error) => {
  console.error(error instanceof BenchArgumentError ? error.message : error);
  process.exit(error instanceof BenchArgumentError ? 2 : 1);
});
