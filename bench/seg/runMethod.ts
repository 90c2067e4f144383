/**
 * Runs one segmentation method on one volume + scribbles and measures it: the prediction (scribble classes),
 * time to first prediction, total time, peak memory, and what the engine reports (backend, rounds).
 */
import { trainSsldec, type BackendName, type ClassInfo } from '../../src/ssldec';
import type { Labelmap, Volume } from '../../src/volume/Volume';
import { PeakMemoryMonitor, type MemoryPeaks } from '../lib/memory';
import { intensityLikelihood } from './intensityLikelihood';

/** The compared methods. */
export type SegMethod = 'ssldec' | 'supervised' | 'likelihood';
export const SEG_METHODS: readonly SegMethod[] = ['ssldec', 'supervised', 'likelihood'];

/** Readable names for tables. */
export const METHOD_LABELS: Record<SegMethod, string> = {
  ssldec: 'SSLDEC (engine)',
  supervised: 'same network, supervised only',
  likelihood: 'intensity likelihood (MONAI-style)',
};

/** Settings shared by the network methods. */
export interface EngineSettings {
  backend: BackendName;
  preset?: 'default' | 'cpu' | 'tiny';
  maxRounds?: number;
  /** Filter-bank scales (mm) for the network's input (ModelConfig.filterScales); absent: the engine default (none). */
  filterScales?: number[];
  /** L2 weight decay; absent: the preset's. */
  l2?: number;
  seed: number;
  classes: ClassInfo[];
}

/** What one method run produced. */
export interface MethodRun {
  method: SegMethod;
  prediction: Labelmap;
  /** Seconds from start to a first usable prediction (engine: end of the supervised phase). */
  firstPredictionSeconds?: number;
  totalSeconds: number;
  backend: string;
  rounds?: number;
  /** Supervised + SSLDEC optimisation steps the engine reported. */
  steps?: number;
  memory: MemoryPeaks;
}

/** Run `method`. The volume and scribbles are not modified. */
export async function runMethod(method: SegMethod, volume: Volume, scribbles: Labelmap, settings: EngineSettings): Promise<MethodRun> {
  const monitor = new PeakMemoryMonitor();
  const started = performance.now();
  try {
    if (method === 'likelihood') {
      const prediction = intensityLikelihood(volume, scribbles);
      const totalSeconds = (performance.now() - started) / 1000;
      return { method, prediction, firstPredictionSeconds: totalSeconds, totalSeconds, backend: 'js (no TF.js)', memory: monitor.stop() };
    }
    let steps = 0;
    const result = await trainSsldec(volume, scribbles, {
      classes: settings.classes,
      backend: settings.backend,
      seed: settings.seed,
      mode: method,
      preset: settings.preset,
      ...(settings.maxRounds !== undefined ? { maxRounds: settings.maxRounds } : {}),
      ...(settings.filterScales ? { model: { filterScales: settings.filterScales } } : {}),
      ...(settings.l2 !== undefined ? { l2: settings.l2 } : {}),
      onProgress: (p) => {
        if (p.phase === 'supervised' || p.phase === 'ssldec') steps++;
        monitor.sample();
      },
    });
    const totalSeconds = (performance.now() - started) / 1000;
    const run: MethodRun = {
      method,
      prediction: result.prediction,
      firstPredictionSeconds: result.seconds.firstPrediction,
      totalSeconds,
      backend: result.backend,
      rounds: result.rounds,
      steps,
      memory: monitor.stop(),
    };
    result.model.dispose();
    return run;
  } catch (error) {
    monitor.stop();
    throw error;
  }
}
