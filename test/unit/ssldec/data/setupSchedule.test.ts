/**
 * The set-up shared between two threads gives the inputs one thread computes: the geodesic job's distances for every
 * mix of the class barrier and its looks' adaptation, whole there or shared class by class, and the filter bank's
 * features in order, with or without a runner.
 */
import { measureDistances, runGeodesicJob, type GeodesicJob } from '../../../../src/ssldec/data/geodesicDistances';
import { prepareGeodesicFeatures } from '../../../../src/ssldec/data/geodesicFeatures';
import { filterBank } from '../../../../src/ssldec/data/filterBank';
import {
  computeSetup, filterHere, shareGeodesicJob, type FilterTask, type SetupRunner,
} from '../../../../src/ssldec/data/setupSchedule';
import { makePhantom } from '../helpers/phantom';

const dims: [number, number, number] = [30, 26, 8];
const phantom = makePhantom(dims, [2, 5]);
const jobOf = (classBarrier: number, lookAdaptation: number): GeodesicJob =>
  prepareGeodesicFeatures(1, (_c, v) => phantom.volume.channels[0][v] / 100, dims, [1, 1, 2], phantom.scribbles.data, 3, true,
    0.01, classBarrier, 0.5, lookAdaptation).job;
const filtersAt = (sigmas: number[]): FilterTask[] =>
  sigmas.map((sigmaMm) => ({ values: phantom.volume.channels[0], dims, spacing: [1, 1, 2], sigmaMm, mean: 'gaussian', edgeStop: 0 }));

/** A runner on this thread that records what it was asked, and counts its holds not yet released. */
function recordingRunner() {
  const asked = { jobs: 0, parts: [] as number[], filters: [] as number[], held: 0 };
  const runner: SetupRunner = {
    hold: () => {
      asked.held++;
      return () => void asked.held--;
    },
    run: async (job) => (asked.jobs++, runGeodesicJob(job)),
    measure: async (part) => (asked.parts.push(part.seeds.length), measureDistances(part)),
    filter: async (task) => (asked.filters.push(task.sigmaMm), filterHere(task)),
  };
  return { runner, asked };
}

describe('computeSetup', () => {
  test('the distances and the filter bank\'s features of one thread, in order: the job there, the last scale there too', async () => {
    const job = jobOf(1, 1);
    const { runner, asked } = recordingRunner();
    const { features, distances } = await computeSetup(filtersAt([1, 2, 4]), job, runner);
    expect(features).toEqual(filterBank(phantom.volume.channels[0], dims, [1, 1, 2], [1, 2, 4]));
    expect(distances).toEqual(runGeodesicJob(job));
    // The job went there whole. This runner answers at once, but its answer is let in only between this thread's
    // tasks: after the first scale here, the last went there, and the middle one was this thread's next.
    expect(asked).toEqual({ jobs: 1, parts: [], filters: [4], held: 0 });
    // Without a runner, all here: the same inputs.
    expect(await computeSetup(filtersAt([1, 2, 4]), job)).toEqual({ features, distances });
  });

  test('with the bank kept, the job is shared by measure and class; with neither, nothing is asked', async () => {
    const job = jobOf(1, 1);
    const { runner, asked } = recordingRunner();
    expect(await computeSetup([], job, runner)).toEqual({ features: [], distances: runGeodesicJob(job) });
    expect(asked).toEqual({ jobs: 0, parts: [2, 2], filters: [], held: 0 });
    expect(await computeSetup([], undefined, runner)).toEqual({ features: [], distances: undefined });
    expect(asked.parts).toHaveLength(2);
  });

  test('a task that fails on the thread fails the set-up, after this thread\'s tasks, and releases the thread', async () => {
    let held = 0;
    const tasks = filtersAt([1, 2, 4]);
    const { runner } = recordingRunner();
    const failing: SetupRunner = {
      ...runner,
      hold: () => (held++, () => void held--),
      filter: async () => {
        throw new Error('the thread ran out of memory');
      },
    };
    await expect(computeSetup(tasks, undefined, failing)).rejects.toThrow('the thread ran out of memory');
    expect(held).toBe(0);
  });
});

describe('shareGeodesicJob', () => {
  test.each([[0, 0], [1, 0], [1, 1]])('β %d, α %d: the same distances as the whole job, the first half of the classes measured there', async (beta, alpha) => {
    const job = jobOf(beta, alpha);
    const { runner, asked } = recordingRunner();
    const shared = await shareGeodesicJob(job, runner);
    expect(shared).toEqual(runGeodesicJob(job));
    // Per measure, classes 0 and 1 of the three went there (with their own posteriors under the barrier).
    expect(asked.parts).toEqual(beta > 0 && alpha > 0 ? [2, 2] : [2]);
    expect(shared.plain !== undefined).toBe(beta > 0 && alpha > 0);
  });
});
