/**
 * The compared methods, on identical scribbles: the engine default, the same network supervised-only, the
 * ablations of the default (ablations.ts), and classical baselines implemented here (never in the product).
 * Each run is measured the same way: prediction, time to a first prediction, total time, peak memory.
 */
import { trainSsldec, type BackendName, type FilterBankCache, type SetupRunner, type GrowthStop, type SsldecModel } from '../../src/ssldec';
import type { Labelmap } from '../../src/volume/Volume';
import { BenchArgumentError } from '../lib/args';
import { PeakMemoryMonitor, type MemoryPeaks } from '../lib/memory';
import { ABLATIONS, mergeOverrides, type EngineOverrides } from './ablations';
import { featureForest } from './baselines/featureForest';
import { geodesicGrow } from './baselines/geodesicGrow';
import { ilastikFeatures, type FeatureStack } from './baselines/ilastikFeatures';
import { intensityLikelihood } from './baselines/intensityLikelihood';
import { likelihoodPotts } from './baselines/pottsIcm';
import type { CaseSubject, SegCase } from './cases';

/** Everything a method may use for one run. The volume and scribbles must not be modified. */
export interface MethodInput {
  segCase: SegCase;
  subject: CaseSubject;
  scribbles: Labelmap;
  backend: BackendName;
  /** The draw's seed: the scribbles were drawn from it; baselines that sample (the forest) use it. */
  seed: number;
  /** The seed an engine method trains from (initial weights, patch draws): the draw's seed plus a --network-seed-offsets offset. */
  networkSeed: number;
  /** Overrides for every engine run (--preset, --l2, ...), under the method's own. */
  engineOverrides: EngineOverrides;
  /** Per-subject store for work that does not depend on the scribbles (filter features), shared across runs. */
  cache: SubjectCache;
  /** Engine methods: the subject's filter bank, kept between runs as the viewer's worker keeps it (--warm-filter-bank). */
  filterBankCache?: FilterBankCache;
  /** Engine methods: the set-up's second thread, as the viewer's worker and the CLI have one (--one-thread: none). */
  setupRunner?: SetupRunner;
  /** Engine methods: continue training this model (the panel's Retrain) instead of a fresh one. Not disposed. */
  initialModel?: SsldecModel;
  /** Engine methods: hand the trained model back in MethodRun.model (the caller disposes it). */
  keepModel?: boolean;
}

/** What one method run produced. */
export interface MethodRun {
  prediction: Labelmap;
  /** The engine's max q per voxel (engine methods only): where it doubts its prediction. */
  confidence?: Float32Array;
  /** Seconds from start to the first whole-volume prediction (engine: the preview before the SSLDEC rounds). */
  firstPredictionSeconds: number;
  /** Engine methods: seconds from start to the end of the set-up (the inputs: filter bank and geodesic distances). */
  setupSeconds?: number;
  /** Seconds from start to the final prediction, including any cached per-image work (charged to every run). */
  totalSeconds: number;
  backend: string;
  rounds?: number;
  /** Engine methods: set when the growth guard stopped the SSLDEC rounds (TrainResult.growthStop). */
  growthStop?: GrowthStop;
  /** Engine methods: which result the run kept when it compared its first and refined ones (TrainResult.kept). */
  kept?: 'first' | 'refined';
  /** Supervised + SSLDEC optimisation steps the engine reported. */
  steps?: number;
  memory: MemoryPeaks;
  /** Engine methods: the run's first result (the supervised model's, shown before the SSLDEC rounds). */
  firstPrediction?: Labelmap;
  /** The trained model, when MethodInput.keepModel asked for it. */
  model?: SsldecModel;
}

export interface SegMethod {
  name: string;
  label: string;
  kind: 'engine' | 'baseline';
  run(input: MethodInput): Promise<MethodRun>;
}

/** Per-image results kept across the runs on one subject, with the seconds they took (charged to each user). */
export class SubjectCache {
  private readonly entries = new Map<string, { value: unknown; seconds: number }>();

  /**
   * The value of `key`, computed once. `seconds` is what computing it took; `fresh` says it was computed by this
   * call (so the caller's own timer already holds those seconds).
   */
  get<T>(key: string, compute: () => T): { value: T; seconds: number; fresh: boolean } {
    const entry = this.entries.get(key);
    if (entry) return { value: entry.value as T, seconds: entry.seconds, fresh: false };
    const started = performance.now();
    const value = compute();
    const seconds = (performance.now() - started) / 1000;
    this.entries.set(key, { value, seconds });
    return { value, seconds, fresh: true };
  }
}

function engineMethod(name: string, label: string, mode: 'ssldec' | 'supervised', overrides: EngineOverrides): SegMethod {
  return {
    name,
    label,
    kind: 'engine',
    async run(input) {
      const monitor = new PeakMemoryMonitor();
      const started = performance.now();
      try {
        let steps = 0;
        let setupSeconds: number | undefined;
        let firstPrediction: Labelmap | undefined;
        const result = await trainSsldec(input.subject.volume, input.scribbles, {
          ...mergeOverrides(input.engineOverrides, overrides),
          mode,
          // The catch-all class (the one not scored) is what a clinician names "Background".
          classes: input.segCase.classes.map((c) => ({ ...c, background: !input.segCase.scored.includes(c.value) })),
          backend: input.backend,
          seed: input.networkSeed,
          initialModel: input.initialModel,
          filterBankCache: input.filterBankCache,
          setupRunner: input.setupRunner,
          onProgress: (p) => {
            if (p.phase === 'supervised' || p.phase === 'ssldec') steps++;
            if (p.phase === 'setup') setupSeconds = (performance.now() - started) / 1000;
            monitor.sample();
          },
          // As the viewer asks: the first prediction is the preview before the rounds (it costs one more pass).
          onPreview: (preview) => {
            firstPrediction = preview.prediction;
            monitor.sample();
          },
        });
        const totalSeconds = (performance.now() - started) / 1000;
        if (!input.keepModel) result.model.dispose();
        return {
          ...(input.keepModel ? { model: result.model } : {}),
          prediction: result.prediction,
          ...(firstPrediction ? { firstPrediction } : {}),
          confidence: result.confidence,
          firstPredictionSeconds: result.seconds.firstPrediction,
          ...(setupSeconds !== undefined ? { setupSeconds } : {}),
          totalSeconds,
          backend: result.backend,
          rounds: result.rounds,
          ...(result.growthStop ? { growthStop: result.growthStop } : {}),
          ...(result.kept ? { kept: result.kept } : {}),
          steps,
          memory: monitor.stop(),
        };
      } catch (error) {
        monitor.stop();
        throw error;
      }
    },
  };
}

/** A baseline that computes a labelmap in JS; `sharedSeconds` is cached per-image work it reused (added to its time). */
function baselineMethod(name: string, label: string, segment: (input: MethodInput) => { prediction: Labelmap; sharedSeconds?: number }): SegMethod {
  return {
    name,
    label,
    kind: 'baseline',
    async run(input) {
      const monitor = new PeakMemoryMonitor();
      const started = performance.now();
      try {
        const { prediction, sharedSeconds = 0 } = segment(input);
        const totalSeconds = (performance.now() - started) / 1000 + sharedSeconds;
        return { prediction, firstPredictionSeconds: totalSeconds, totalSeconds, backend: 'js (no TF.js)', memory: monitor.stop() };
      } catch (error) {
        monitor.stop();
        throw error;
      }
    },
  };
}

export const METHODS: readonly SegMethod[] = [
  engineMethod('default', 'engine default (SSLDEC)', 'ssldec', {}),
  engineMethod('supervised', 'engine network, supervised only', 'supervised', {}),
  ...ABLATIONS.map((a) => engineMethod(a.name, a.label, a.mode ?? 'ssldec', a.options)),
  baselineMethod('likelihood', 'intensity likelihood (MONAI-style histograms)', (i) => ({ prediction: intensityLikelihood(i.subject.volume, i.scribbles) })),
  baselineMethod('potts', 'likelihood + contrast-sensitive Potts prior (ICM)', (i) => ({ prediction: likelihoodPotts(i.subject.volume, i.scribbles) })),
  baselineMethod('forest', 'random forest, ilastik features (σ 0.7–5 voxels, 100 trees)', (i) => {
    // The features depend on the image only: computed once per subject, their time charged to every run.
    const features = i.cache.get<FeatureStack>('ilastik', () => ilastikFeatures(i.subject.volume, { inPlane: i.segCase.twoD }));
    return { prediction: featureForest(features.value, i.scribbles, { seed: i.seed }), sharedSeconds: features.fresh ? 0 : features.seconds };
  }),
  baselineMethod('geodesic', 'grow from seeds (geodesic distance)', (i) => ({ prediction: geodesicGrow(i.subject.volume, i.scribbles) })),
];

export const METHOD_NAMES = METHODS.map((m) => m.name);
export const BASELINE_NAMES = METHODS.filter((m) => m.kind === 'baseline').map((m) => m.name);

/**
 * Method names from a --methods list: names, or the groups `engine` (default + supervised), `ablations`,
 * `baselines`, `all`. Throws on an unknown name, listing the known ones.
 */
export function resolveMethods(list: string[]): SegMethod[] {
  const groups: Record<string, string[]> = {
    all: METHOD_NAMES,
    engine: ['default', 'supervised'],
    ablations: ABLATIONS.map((a) => a.name),
    baselines: BASELINE_NAMES,
  };
  const names = new Set<string>();
  for (const item of list) {
    const group = groups[item] ?? (METHOD_NAMES.includes(item) ? [item] : undefined);
    if (!group) throw new BenchArgumentError(`Unknown method "${item}". Known: ${METHOD_NAMES.join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
    group.forEach((n) => names.add(n));
  }
  return METHODS.filter((m) => names.has(m.name));
}
