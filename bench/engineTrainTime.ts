/**
 * Engine training time on the cpu backend for a generated 128x128x64 phantom (three classes, noise, bias field,
 * scribbles on two slices). Prints JSON and a short table: total seconds, time to first prediction (the preview
 * before the SSLDEC rounds, as the viewer asks for it; the final one in supervised mode), seconds per optimisation
 * step, inference seconds, process CPU seconds (robust to a busy machine), the load average, and Dice per class.
 *   node bench/run.js bench/engineTrainTime.ts [--preset cpu|default|tiny] [--mode ssldec|supervised] [--backend cpu]
 */
import { trainSsldec, type BackendName, type PresetName } from '../src/ssldec';
import { dice, makePhantom } from '../test/unit/ssldec/helpers/phantom';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const preset = flag('preset', 'cpu') as PresetName;
  const mode = flag('mode', 'ssldec') as 'ssldec' | 'supervised';
  const backend = flag('backend', 'cpu') as BackendName;
  const dims: [number, number, number] = [128, 128, 64];
  const phantom = makePhantom(dims, [24, 40]);
  const cpuStart = process.cpuUsage();
  const stepTimes: number[] = [];
  let last = performance.now();
  let inferenceStart = 0;
  const result = await trainSsldec(phantom.volume, phantom.scribbles, {
    backend, preset, mode, seed: 1,
    onProgress: (p) => {
      const now = performance.now();
      if (p.phase === 'supervised' || p.phase === 'ssldec') stepTimes.push((now - last) / 1000);
      if (p.phase === 'inference' && inferenceStart === 0) inferenceStart = last;
      last = now;
    },
    onPreview: () => undefined,
  });
  const inferenceSeconds = (performance.now() - inferenceStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU seconds of this process: on a shared machine wall-clock time mostly measures the other tenants.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const d = [1, 2, 3].map((v) => dice(result.prediction.data, phantom.truth.data, v));
  const report = {
    volume: dims, preset, mode, backend: result.backend, model: result.model.config, rounds: result.rounds,
    steps: stepTimes.length, secondsPerStep: stepTimes.reduce((a, b) => a + b, 0) / Math.max(1, stepTimes.length),
    seconds: { ...result.seconds, inference: inferenceSeconds, cpu: cpuSeconds }, dice: { background: d[0], shell: d[1], core: d[2] },
    node: process.version, cpus: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg(),
  };
  console.log(JSON.stringify(report));
  console.log(`\n${dims.join('x')} ${preset}/${mode} on ${result.backend}: total ${result.seconds.total.toFixed(1)} s, ` +
    `first prediction ${result.seconds.firstPrediction.toFixed(1)} s, ${report.steps} steps at ` +
    `${report.secondsPerStep.toFixed(3)} s/step, inference ${inferenceSeconds.toFixed(1)} s, rounds ${result.rounds}, ` +
    `process CPU ${cpuSeconds.toFixed(1)} s, ` +
    `Dice ${d.map((x) => x.toFixed(3)).join(' / ')} (load average ${report.loadAverage.map((x) => x.toFixed(1)).join(' ')})`);
  result.model.dispose();
}

main().catch((e) => { console.error(e); process.exit(1); });
