/**
 * The set-up before the first training step on two threads: the filter bank, one task per channel and scale, and the
 * geodesic distances' Dijkstra runs, one task per class and measure. Either thread takes the next task; the thread
 * that posts them (the training worker, the CLI) computes between its tasks. The tasks are the same code on the same
 * arrays wherever they run, so the inputs are the ones one thread computes.
 *
 * Why tasks and not "the Dijkstra there, the bank here": the two take different times on different volumes (one
 * thread each, `../README.md`): the FS crop's bank 5.1 s and Dijkstra 4.3 s, a two-channel BRATS volume's 10.4 s and
 * 6.0 s, the aorta's 1.5 mm CT 1.1 s and 4.1 s. With tasks the slower part no longer waits alone.
 */
import type { Dims } from './extractPatches';
import { filterBankScale, type FilterMean } from './filterBank';
import {
  barrierPosteriors, DijkstraScratch, measureDistances, type ClassDistances, type DistanceJob, type GeodesicJob, type GeodesicJobResult,
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
  /** Some classes under one measure. */
  measure(job: DistanceJob): Promise<ClassDistances[]>;
  /** One scale of a channel's filter bank: [mean, LoG, gradient magnitude]. */
  filter(task: FilterTask): Promise<Float32Array[]>;
}

/** A filter task runs there only on volumes up to this many voxels: its arrays (about ten) would exist twice at once. */
export const THREAD_FILTER_MAX_VOXELS = 8 * 2 ** 20;

/** Tasks posted to the thread before it answers, so that it does not wait while this thread computes one. */
const THREAD_DEPTH = 2;

/** One scale of a channel's filter bank, here. */
export const filterHere = (t: FilterTask): Float32Array[] => filterBankScale(t.values, t.dims, t.spacing, t.sigmaMm, t.mean, t.edgeStop);

/** What computeSetup returns: the bank's features in the order of `filters` (three per task), and the distances. */
export interface SetupResult {
  features: Float32Array[];
  distances?: GeodesicJobResult;
}

/** A task of the schedule: how to run it here or post it there, and what to do with its result. */
interface Task {
  run(): unknown;
  post(): Promise<unknown>;
  settle(result: unknown): void;
  /** Whether it may go to the thread (a filter task of a large volume may not). */
  threadable: boolean;
}

/**
 * Computes the filter tasks and the geodesic job, on `there` and here. Without `there`, all here, in the same order.
 * The Dijkstra tasks come first: the barred measure waits for the plain one where the looks adapt by it.
 */
export async function computeSetup(filters: FilterTask[], job: GeodesicJob | undefined, there?: SetupRunner): Promise<SetupResult> {
  const banks: Float32Array[][] = [];
  let distances: GeodesicJobResult | undefined;
  const ready: Task[] = [];
  const scratch = job && new DijkstraScratch(job.cdims[0] * job.cdims[1] * job.cdims[2]);
  // One task per class under one measure; `done` gets them all, in class order.
  const measureEach = (measure: Omit<DistanceJob, 'seeds' | 'barrier'>, barrier: DistanceJob['barrier'], done: (d: ClassDistances[]) => void) => {
    const each: ClassDistances[] = [];
    let left = job!.seeds.length;
    return job!.seeds.map((seeds, c): Task => {
      const part: DistanceJob = { ...measure, seeds: [seeds], ...(barrier ? { barrier: { weight: barrier.weight, posteriors: [barrier.posteriors[c]] } } : {}) };
      return {
        run: () => measureDistances(part, scratch)[0],
        post: () => there!.measure(part).then((d) => d[0]),
        settle: (d) => {
          each[c] = d as ClassDistances;
          if (--left === 0) done(each);
        },
        threadable: true,
      };
    });
  };
  if (job) {
    const { classBarrier, lookAdaptation, ...measure } = job;
    const barred = (plain?: ClassDistances[]) => {
      // First in line: nothing else waits on a filter task.
      ready.unshift(...measureEach(measure, { weight: classBarrier, posteriors: barrierPosteriors(job, plain) }, (inputs) => {
        distances = plain ? { inputs, plain } : { inputs };
      }));
    };
    if (!(classBarrier > 0)) ready.push(...measureEach(measure, undefined, (inputs) => (distances = { inputs })));
    else if (lookAdaptation > 0) ready.push(...measureEach(measure, undefined, barred));
    else barred();
  }
  filters.forEach((task, n) => {
    ready.push({
      run: () => filterHere(task),
      post: () => there!.filter(task),
      settle: (features) => (banks[n] = features as Float32Array[]),
      threadable: task.values.length <= THREAD_FILTER_MAX_VOXELS,
    });
  });
  const release = there?.hold();
  try {
    await runTasks(ready, there);
  } finally {
    release?.();
  }
  return { features: banks.flat(), distances };
}

/** Runs `ready` (which settling a task may extend) to the end: the thread takes the first, this thread the next. */
async function runTasks(ready: Task[], there?: SetupRunner): Promise<void> {
  const posted = new Set<Promise<void>>();
  let failure: unknown;
  while (ready.length || posted.size) {
    while (there && posted.size < THREAD_DEPTH && ready.some((t) => t.threadable)) {
      const task = ready.splice(ready.findIndex((t) => t.threadable), 1)[0];
      const p: Promise<void> = task.post().then(task.settle, (e) => void (failure ??= e)).finally(() => posted.delete(p));
      posted.add(p);
    }
    const task = ready.shift();
    if (task) {
      task.settle(task.run());
      // Let the thread's answers in (a worker's message is a task of this thread's event loop).
      if (there) await new Promise((resolve) => setTimeout(resolve, 0));
    } else {
      await Promise.race(posted);
    }
    if (failure !== undefined) {
      await Promise.allSettled(posted);
      throw failure;
    }
  }
}
