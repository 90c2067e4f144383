/**
 * The set-up before the first training step on two threads: the filter bank, one task per channel and scale, and the
 * geodesic distances' Dijkstra runs. The second thread takes the distances' whole job while this one computes the
 * bank's scales in order; once it is done it takes the last scale not yet begun, one at a time, while this thread
 * takes the first. Where there is no bank to compute (kept from the last run, or none in the model), each measure's
 * classes are shared instead. The tasks are the same code on the same arrays wherever they run, so the inputs are the
 * ones one thread computes.
 *
 * Why: the two parts take different times on different volumes (one thread each, `../README.md`, "The set-up shared
 * with the second thread"): the FS crop's bank 5.1 s and Dijkstra 4.3 s, a two-channel BRATS volume's 10.4 s and 6.0 s.
 * With the bank's scales shared, the two-channel bank no longer runs alone after the distances. This thread hands out
 * work only between its own tasks (it cannot answer a message while it computes), so the thread gets whole pieces:
 * the job, then single scales, the last first, so that this thread's next scale is never one the thread holds.
 */
import type { Dims } from './extractPatches';
import { filterBankScale, type FilterMean } from './filterBank';
import {
  cellCount, DijkstraScratch, geodesicJobMeasures, measureDistances, runGeodesicJob, type ClassDistances, type DistanceJob, type GeodesicJob, type GeodesicJobResult,
} from './geodesicDistances';

/** One scale of one channel's filter bank (filterBankScale's arguments). */
export interface FilterTask {
  values: Float32Array;
  dims: Dims;
  spacing: [number, number, number];
  sigmaMm: number;
  mean: FilterMean;
  edgeStop: number;
}

/** A second thread for the set-up's tasks (setupRunnerOn, setupThread.ts). */
export interface SetupRunner {
  /**
   * Keeps the thread between tasks until the returned function is called: one set-up's tasks run on one thread, which
   * starts and warms up (JIT, working arrays) once.
   */
  hold(): () => void;
  /** A geodesic job, whole. */
  run(job: GeodesicJob): Promise<GeodesicJobResult>;
  /** Some classes under one measure. */
  measure(job: DistanceJob): Promise<ClassDistances[]>;
  /** One scale of a channel's filter bank: [mean, LoG, gradient magnitude]. */
  filter(task: FilterTask): Promise<Float32Array[]>;
}

/** A filter task runs there only on volumes up to this many voxels: its arrays (about ten) would exist twice at once. */
export const THREAD_FILTER_MAX_VOXELS = 8 * 2 ** 20;

/** One scale of a channel's filter bank, here. */
export const filterHere = (t: FilterTask): Float32Array[] => filterBankScale(t.values, t.dims, t.spacing, t.sigmaMm, t.mean, t.edgeStop);

/** What computeSetup returns: the bank's features in the order of `filters` (three per task), and the distances. */
export interface SetupResult {
  features: Float32Array[];
  distances?: GeodesicJobResult;
}

/**
 * Computes the filter tasks and the geodesic job, on `there` and here (the module's comment); without `there`, all
 * here, in the same order.
 */
export async function computeSetup(filters: FilterTask[], job: GeodesicJob | undefined, there?: SetupRunner): Promise<SetupResult> {
  if (!there) return { features: filters.flatMap(filterHere), distances: job && runGeodesicJob(job) };
  const release = there.hold();
  try {
    if (!filters.length) return { features: [], distances: job && await shareGeodesicJob(job, there) };
    const banks: Float32Array[][] = [];
    let distances: GeodesicJobResult | undefined;
    let failure: unknown;
    let busy: Promise<void> | undefined;
    // The thread's work, ended (and `busy` cleared) when it answers; a failure is kept for the end.
    const give = <T>(work: Promise<T>, done: (result: T) => void) => {
      busy = work.then(done, (e) => void (failure ??= e)).finally(() => (busy = undefined));
    };
    if (job) give(there.run(job), (d) => (distances = d));
    for (let first = 0, last = filters.length - 1; first <= last;) {
      if (!busy && filters[last].values.length <= THREAD_FILTER_MAX_VOXELS) {
        const n = last--;
        give(there.filter(filters[n]), (f) => (banks[n] = f));
        continue;
      }
      banks[first] = filterHere(filters[first]);
      first++;
      // Let the thread's answer in (a worker's message is a task of this thread's event loop).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    while (busy) await busy;
    if (failure !== undefined) throw failure;
    return { features: banks.flat(), distances };
  } finally {
    release();
  }
}

/**
 * runGeodesicJob's distances, each measure's first classes on `there` while this thread measures the rest (the
 * looks' posteriors are computed here between the measures). For a set-up with nothing else to do (no bank to compute).
 */
export async function shareGeodesicJob(job: GeodesicJob, there: Pick<SetupRunner, 'measure'>): Promise<GeodesicJobResult> {
  const half = Math.ceil(job.seeds.length / 2);
  const part = ({ barrier, ...measure }: DistanceJob, from: number, to?: number): DistanceJob => ({
    ...measure, seeds: measure.seeds.slice(from, to),
    ...(barrier ? { barrier: { weight: barrier.weight, posteriors: barrier.posteriors.slice(from, to) } } : {}),
  });
  const scratch = new DijkstraScratch(cellCount(job));
  const measures = geodesicJobMeasures(job);
  let step = measures.next();
  while (!step.done) {
    const first = there.measure(part(step.value, 0, half));
    const rest = measureDistances(part(step.value, half), scratch);
    step = measures.next([...(await first), ...rest]);
  }
  return step.value;
}
