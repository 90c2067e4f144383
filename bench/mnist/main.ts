/**
 * bench:mnist — the paper's classification result (SSLDEC, MNIST, 1000 labels: 0.46 % test error) with the
 * image classifier of ./classifier (the engine's clustering head, target and losses): supervised-only on the
 * labelled images, then SSLDEC rounds continued from that supervised model with the rest of the training set
 * unlabelled; test error on the 10k test set for both.
 *
 *   npm run bench:mnist -- [--labels 1000] [--seed 1] [--backend cpu|wasm|webgpu] [--budget-minutes 50]
 *                          [--supervised-steps 1000] [--round-steps 500] [--max-rounds 10] [--unlabelled N]
 *                          [--test N] [--filters 32,64] [--dense 128] [--batch-size 64] [--json out.json]
 *
 * --budget-minutes bounds training time: 40 % for the supervised phase, the rest for SSLDEC rounds (evaluation
 * and data loading are not counted). The output says how many steps and rounds the budget allowed.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, TrainProgress } from '../../src/ssldec';
import { createClassifier, evaluateClassifier, trainClassifier } from './classifier';
import { BenchArgumentError, choiceFlag, numberFlag, numberListFlag, parseFlags } from '../lib/args';
import { PeakMemoryMonitor } from '../lib/memory';
import { startNodeBackend } from '../lib/nodeBackend';
import { markdownTable } from '../lib/table';
import { loadMnist } from './mnistData';
import { splitLabelled } from './splitLabelled';

const PAPER_ERROR: Record<number, number | undefined> = { 1000: 0.0046 };

interface MethodResult {
  method: 'supervised' | 'ssldec';
  testError: number;
  correct: number;
  trainSeconds: number;
  steps: number;
  plannedSteps: number;
  rounds: number;
  plannedRounds: number;
  budgetExhausted: boolean;
  lastChangedShare?: number;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), [
    'labels', 'seed', 'backend', 'budget-minutes', 'supervised-steps', 'round-steps', 'max-rounds', 'unlabelled', 'test', 'json', 'batch-size', 'filters', 'dense',
  ]);
  const labelsCount = numberFlag(flags, 'labels', 1000);
  const seed = numberFlag(flags, 'seed', 1);
  const backend = choiceFlag<BackendName>(flags, 'backend', ['cpu', 'wasm', 'webgpu'], 'cpu');
  const budgetSeconds = flags.has('budget-minutes') ? numberFlag(flags, 'budget-minutes', 0) * 60 : undefined;
  const supervisedSteps = numberFlag(flags, 'supervised-steps', 1000);
  const roundSteps = numberFlag(flags, 'round-steps', 500);
  const maxRounds = numberFlag(flags, 'max-rounds', 10);
  const batchSize = numberFlag(flags, 'batch-size', 64);
  const testCount = numberFlag(flags, 'test', 10000);
  const filters = numberListFlag(flags, 'filters', [32, 64]);
  if (filters.length !== 2) throw new BenchArgumentError(`--filters expects two numbers like 32,64, got ${filters.join(',')}`);
  const dense = numberFlag(flags, 'dense', 128);
  const unlabelledCap = flags.has('unlabelled') ? numberFlag(flags, 'unlabelled', 0) : undefined;

  const active = await startNodeBackend(backend);
  const monitor = new PeakMemoryMonitor();
  const loadStarted = performance.now();
  const train = loadMnist('training', 60000);
  const test = loadMnist('testing', testCount);
  const { labelled, unlabelled } = splitLabelled(train, labelsCount, seed, unlabelledCap);
  const testSet = { images: test.images, labels: test.labels, count: test.count };
  console.error(
    `bench:mnist backend=${active} (tf.getBackend()=${tf.getBackend()}) labels=${labelled.count} unlabelled=${unlabelled.count} ` +
      `test=${test.count} loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  const model = createClassifier({ height: 28, width: 28, channels: 1, numClasses: 10, filters: [filters[0], filters[1]], dense }, seed);
  const progress = (label: string) => {
    let last = 0;
    return (p: TrainProgress) => {
      monitor.sample();
      if (performance.now() - last > 15000) {
        last = performance.now();
        console.error(`  ${label} ${p.phase}${p.round ? ` round ${p.round}` : ''} step ${p.step}/${p.total} loss ${p.loss?.toFixed(4)}`);
      }
    };
  };

  const supervisedRun = await trainClassifier(model, {
    labelled, mode: 'supervised', supervisedSteps, batchSize, seed,
    budgetSeconds: budgetSeconds === undefined ? undefined : budgetSeconds * 0.4,
    onProgress: progress('supervised'),
  });
  const supervisedEval = await evaluateClassifier(model, testSet);
  const supervised: MethodResult = {
    method: 'supervised', testError: supervisedEval.error, correct: supervisedEval.correct, trainSeconds: supervisedRun.seconds,
    steps: supervisedRun.history.length, plannedSteps: supervisedSteps, rounds: 0, plannedRounds: 0, budgetExhausted: supervisedRun.budgetExhausted,
  };
  console.error(`supervised: test error ${(100 * supervised.testError).toFixed(2)} % after ${supervised.steps} steps, ${supervised.trainSeconds.toFixed(0)} s`);

  // SSLDEC continues from the supervised model: the supervised phase is shared, rounds are what SSLDEC adds.
  const sslRun = await trainClassifier(model, {
    labelled, unlabelled, mode: 'ssldec', supervisedSteps: 0, roundSteps, maxRounds, batchSize, seed: seed + 1,
    budgetSeconds: budgetSeconds === undefined ? undefined : Math.max(1, budgetSeconds - supervisedRun.seconds),
    onProgress: progress('ssldec'),
  });
  const sslEval = await evaluateClassifier(model, testSet);
  const changed = sslRun.history.filter((h) => h.changedShare !== undefined);
  const ssldec: MethodResult = {
    method: 'ssldec', testError: sslEval.error, correct: sslEval.correct, trainSeconds: supervisedRun.seconds + sslRun.seconds,
    steps: supervisedRun.history.length + sslRun.history.length, plannedSteps: supervisedSteps + maxRounds * roundSteps,
    rounds: sslRun.rounds, plannedRounds: maxRounds, budgetExhausted: sslRun.budgetExhausted,
    lastChangedShare: changed.length ? changed[changed.length - 1].changedShare : undefined,
  };
  model.dispose();
  const memory = monitor.stop();

  const paper = PAPER_ERROR[labelsCount];
  console.log(`\n## bench:mnist — ${labelsCount} labels, ${unlabelled.count} unlabelled, ${test.count} test images, backend ${active}, seed ${seed}, classifier conv ${filters.join('/')} dense ${dense}\n`);
  console.log(
    markdownTable(
      ['method', 'test error %', 'paper (SSLDEC) %', 'train s (cumulative)', 'steps done / planned', 'rounds done / max', 'budget cut training short', 'last changed share'],
      [supervised, ssldec].map((r) => [
        r.method === 'ssldec' ? 'SSLDEC (continued from supervised)' : 'supervised only',
        (100 * r.testError).toFixed(2), r.method === 'ssldec' && paper !== undefined ? (100 * paper).toFixed(2) : '—',
        r.trainSeconds.toFixed(0), `${r.steps} / ${r.plannedSteps}`, `${r.rounds} / ${r.plannedRounds}`, r.budgetExhausted ? 'yes' : 'no',
        r.lastChangedShare,
      ]),
      4,
    ),
  );
  console.log(`\nPeak memory: RSS ${memory.rssMiB} MiB, tensors ${memory.tfTensorMiB} MiB. Budget: ${budgetSeconds === undefined ? 'none' : `${budgetSeconds / 60} min`}.`);
  const json = { benchmark: 'mnist', backend: active, classifier: { filters, dense, batchSize }, labels: labelsCount, unlabelled: unlabelled.count, test: test.count, seed, budgetSeconds, paperError: paper, results: [supervised, ssldec], memory };
  if (flags.has('json')) writeFileSync(flags.get('json') as string, JSON.stringify(json, null, 2));
  console.log('\nJSON:\n' + JSON.stringify(json));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
