/**
 * bench:speed — training steps/s and full-volume (256x256x160) inference time of the engine's default
 * segmentation model on every backend available in this run, with ratios to the cpu backend of the same run.
 *
 *   npm run bench:speed -- [--backends cpu,wasm,node-webgpu,chromium-webgpu,chromium-webgl,chromium-wasm,chromium-wasm-1thread]
 *                          [--preset default] [--steps N] [--infer-slices S] [--wasm-threads N] [--timeout-seconds T]
 *                          [--json out.json]
 *
 * chromium-wasm runs wasm in a module worker of a cross-origin-isolated page, as the viewer's training worker does,
 * on the threads that worker would pick on this machine (--wasm-threads N to ask for N); chromium-wasm-1thread is
 * the same with threads off (TF.js's single-thread SIMD build).
 * Node backends run in child processes (one per backend: clean memory peaks, and SwiftShader's Vulkan environment
 * is fixed at process start); browser backends run in one headless Chromium. Software backends (SwiftShader) are
 * given fewer steps and a thinner inference slab, extrapolated per voxel; the table says which numbers are.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { PRESET_NAMES, type BackendName } from '../../src/ssldec';
import { choiceFlag, choiceListFlag, numberFlag, parseFlags } from '../lib/args';
import { PeakMemoryMonitor } from '../lib/memory';
import { startNodeBackend } from '../lib/nodeBackend';
import { markdownTable } from '../lib/table';
import { chromiumSpeed, CHROMIUM_PATH } from './chromiumSpeed';
import { measureSpeed, REFERENCE_DIMENSIONS, type SpeedRequest, type SpeedResult, type TrainingFigures } from './measureSpeed';

type Target = 'cpu' | 'wasm' | 'node-webgpu' | 'chromium-webgpu' | 'chromium-webgl' | 'chromium-wasm' | 'chromium-wasm-1thread';
const TARGETS: readonly Target[] = ['cpu', 'wasm', 'node-webgpu', 'chromium-webgpu', 'chromium-webgl', 'chromium-wasm', 'chromium-wasm-1thread'];
const RESULT_PREFIX = 'SPEED_RESULT ';
const TRAINED_PREFIX = 'SPEED_TRAINED ';

/** Bounded work per target: [training steps, inference slices of 256x256]; SwiftShader is slow, so less. */
const DEFAULT_WORK: Record<Target, [number, number]> = {
  cpu: [8, 15],
  wasm: [8, 15],
  'node-webgpu': [2, 4],
  'chromium-webgpu': [2, 4],
  'chromium-webgl': [3, 8],
  'chromium-wasm': [8, 15],
  'chromium-wasm-1thread': [8, 15],
};

const backendOf = (t: Target): BackendName =>
  t === 'cpu' ? 'cpu' : t === 'wasm' || t.startsWith('chromium-wasm') ? 'wasm' : t.endsWith('webgl') ? 'webgl' : 'webgpu';

interface Row {
  target: Target;
  result?: SpeedResult & { peakRssMiB?: number; peakJsHeapMiB?: number; adapter?: string; browser?: string; wasmThreads?: number; wasmThreadsNote?: string };
  /** Training figures of a run that did not finish inference (time limit or error). */
  trained?: TrainingFigures;
  error?: string;
}

/** Child-process mode: measure one Node backend and print one result line. */
async function worker(flags: Map<string, string>): Promise<void> {
  const target = choiceFlag(flags, 'worker', ['cpu', 'wasm', 'node-webgpu'] as const, 'cpu');
  const backend = await startNodeBackend(backendOf(target));
  const monitor = new PeakMemoryMonitor();
  const request = requestFor(target, flags, backend);
  const result = await measureSpeed(request, () => monitor.sample(), (figures) => console.log(TRAINED_PREFIX + JSON.stringify(figures)));
  const peaks = monitor.stop();
  console.log(RESULT_PREFIX + JSON.stringify({ ...result, peakRssMiB: peaks.rssMiB }));
  process.exit(0); // Dawn keeps the event loop alive
}

function requestFor(target: Target, flags: Map<string, string>, backend: BackendName): SpeedRequest {
  const [steps, slices] = DEFAULT_WORK[target];
  return {
    backend,
    preset: choiceFlag(flags, 'preset', PRESET_NAMES, 'default'),
    trainSteps: numberFlag(flags, 'steps', steps),
    inferDimensions: [REFERENCE_DIMENSIONS[0], REFERENCE_DIMENSIONS[1], numberFlag(flags, 'infer-slices', slices)],
  };
}

function runNodeTarget(target: Target, argv: string[], timeoutSeconds: number): Promise<Row> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--worker', target, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n');
      const line = lines.find((l) => l.startsWith(RESULT_PREFIX));
      const trainedLine = lines.find((l) => l.startsWith(TRAINED_PREFIX));
      if (line) resolve({ target, result: JSON.parse(line.slice(RESULT_PREFIX.length)) });
      else {
        const why = signal === 'SIGKILL' ? `killed after the ${timeoutSeconds} s limit` : `exit ${code ?? signal}`;
        const trained = trainedLine ? (JSON.parse(trainedLine.slice(TRAINED_PREFIX.length)) as TrainingFigures) : undefined;
        resolve({ target, trained, error: `${trained ? 'inference ' : ''}${why}: ${lastLines(stderr || stdout)}` });
      }
    });
  });
}

/** The error message of a failed child (its first line naming an Error), else its last lines. */
function lastLines(text: string): string {
  const lines = text.trim().split('\n');
  const error = lines.find((l) => /Error\b/.test(l));
  return (error ?? lines.slice(-3).join(' / ')).trim().slice(0, 400);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['worker', 'backends', 'preset', 'steps', 'infer-slices', 'wasm-threads', 'timeout-seconds', 'json']);
  if (flags.has('worker')) return worker(flags);
  const targets = choiceListFlag(flags, 'backends', TARGETS, [...TARGETS]);
  const timeoutSeconds = numberFlag(flags, 'timeout-seconds', 480);
  const passThrough = ['preset', 'steps', 'infer-slices'].flatMap((f) => (flags.has(f) ? [`--${f}`, flags.get(f) as string] : []));
  const rows: Row[] = [];
  for (const target of targets.filter((t) => !t.startsWith('chromium'))) {
    console.error(`bench:speed ${target} ...`);
    rows.push(await runNodeTarget(target, passThrough, timeoutSeconds));
    console.error(`  ${JSON.stringify(rows[rows.length - 1])}`);
  }
  const browserTargets = targets.filter((t) => t.startsWith('chromium'));
  if (browserTargets.length) {
    console.error(`bench:speed ${browserTargets.join(', ')} in ${CHROMIUM_PATH} ...`);
    try {
      const wasmThreads = (t: Target) => (t === 'chromium-wasm-1thread' ? 1 : t === 'chromium-wasm' && flags.has('wasm-threads') ? numberFlag(flags, 'wasm-threads', 1) : 'auto' as const);
      const results = await chromiumSpeed(browserTargets.map((t) => ({ ...requestFor(t, flags, backendOf(t)), wasmThreads: wasmThreads(t) })), timeoutSeconds);
      results.forEach((r, n) => rows.push(r instanceof Error ? { target: browserTargets[n], error: r.message.slice(0, 400) } : { target: browserTargets[n], result: r }));
    } catch (error) {
      for (const t of browserTargets) rows.push({ target: t, error: `Chromium could not run: ${(error as Error).message.slice(0, 300)}` });
    }
  }
  printTable(rows, flags.get('preset') ?? 'default');
  const json = { benchmark: 'speed', preset: flags.get('preset') ?? 'default', referenceDimensions: REFERENCE_DIMENSIONS, rows };
  if (flags.has('json')) writeFileSync(flags.get('json') as string, JSON.stringify(json, null, 2));
  console.log('\nJSON:\n' + JSON.stringify(json));
}

function printTable(rows: Row[], preset: string): void {
  const cpu = rows.find((r) => r.target === 'cpu')?.result;
  console.log(`\n## bench:speed — engine preset '${preset}', inference on ${REFERENCE_DIMENSIONS.join('x')}\n`);
  console.log(
    markdownTable(
      ['backend', 'train steps/s', '× cpu', 'first step s', 'steps', 'inference s (256×256×160)', '× cpu (speed-up)', 'measured on', 'peak tensors MiB', 'peak RSS / JS heap MiB', 'note'],
      rows.map(({ target, result: r, trained: t, error }) =>
        r
          ? [
              target, r.stepsPerSecond, cpu ? r.stepsPerSecond / cpu.stepsPerSecond : undefined, r.firstStepSeconds, String(r.trainSteps),
              r.inferSeconds256x256x160, cpu ? cpu.inferSeconds256x256x160 / r.inferSeconds256x256x160 : undefined,
              `${r.inferDimensions.join('×')}${r.extrapolated ? ' (extrapolated)' : ''}`, r.peakTensorMiB.toFixed(1),
              (r.peakRssMiB ?? r.peakJsHeapMiB)?.toFixed(0),
              [r.wasmThreads !== undefined ? `${r.wasmThreads} thread${r.wasmThreads > 1 ? 's' : ''}${r.wasmThreadsNote ? ` (${r.wasmThreadsNote})` : ''}` : undefined, r.adapter, r.browser].filter(Boolean).join(', ') || '',
            ]
          : t
            ? [target, t.stepsPerSecond, cpu ? t.stepsPerSecond / cpu.stepsPerSecond : undefined, t.firstStepSeconds, String(t.trainSteps),
                undefined, undefined, undefined, undefined, undefined, `training measured; ${error}`]
            : [target, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, `FAILED: ${error}`],
      ),
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
