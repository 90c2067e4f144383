/**
 * The set-up shared between two threads gives the inputs one thread computes: the geodesic job's distances for every
 * mix of the class barrier and its looks' adaptation, the filter bank's features in order, with or without a runner.
 */
import { measureDistances, runGeodesicJob, type GeodesicJob } from '../../../../src/ssldec/data/geodesicDistances';
import { prepareGeodesicFeatures } from '../../../../src/ssldec/data/geodesicFeatures';
import { filterBank } from '../../../../src/ssldec/data/filterBank';
import { computeSetup, filterHere, type FilterTask, type SetupRunner } from '../../../../src/ssldec/data/setupSchedule';
import { makePhantom } from '../helpers/phantom';

const dims: [number, number, number] = [30, 26, 8];
const phantom = makePhantom(dims, [2, 5]);
const jobOf = (classBarrier: number, lookAdaptation: number): GeodesicJob =>
  prepareGeodesicFeatures(1, (_c, v) => phantom.volume.channels[0][v] / 100, dims, [1, 1, 2], phantom.scribbles.data, 3, true,
    0.01, classBarrier, 0.5, lookAdaptation).job;
const filtersAt = (sigmas: number[]): FilterTask[] =>
  sigmas.map((sigmaMm) => ({ values: phantom.volume.channels[0], dims, spacing: [1, 1, 2], sigmaMm, mean: 'gaussian', edgeStop: 0 }));

/** A runner on this thread that counts what it was asked, and its holds not yet released. */
function countingRunner() {
  const asked = { classes: 0, filters: 0, held: 0 };
  const runner: SetupRunner = {
    hold: () => {
      asked.held++;
      return () => void asked.held--;
    },
    measure: async (part) => ((asked.classes += part.seeds.length), measureDistances(part)),
    filter: async (task) => (asked.filters++, filterHere(task)),
  };
  return { runner, asked };
}

describe('computeSetup', () => {
  test.each([[0, 0], [1, 0], [1, 1]])('β %d, α %d: the distances of the whole job on one thread, some classes measured there', async (beta, alpha) => {
    const job = jobOf(beta, alpha);
    const { runner, asked } = countingRunner();
    const whole = runGeodesicJob(job);
    const shared = await computeSetup([], job, runner);
    expect(shared.distances).toEqual(whole);
    expect(shared.features).toEqual([]);
    // The thread takes two tasks before this thread takes any: two classes of the first measure at least.
    expect(asked.classes).toBeGreaterThanOrEqual(2);
    expect(shared.distances!.plain !== undefined).toBe(beta > 0 && alpha > 0);
    expect(asked.held).toBe(0); // the thread was held for the set-up and released after it
    // Without a runner, all here: the same distances.
    expect((await computeSetup([], job)).distances).toEqual(whole);
  });

  test('the filter bank\'s scales beside the distances: the features of filterBank, in order, some computed there', async () => {
    const job = jobOf(1, 1);
    const { runner, asked } = countingRunner();
    const { features, distances } = await computeSetup(filtersAt([1, 2, 4]), job, runner);
    expect(features).toEqual(filterBank(phantom.volume.channels[0], dims, [1, 1, 2], [1, 2, 4]));
    expect(distances).toEqual(runGeodesicJob(job));
    expect(asked.classes + asked.filters).toBeGreaterThanOrEqual(2);
    expect((await computeSetup(filtersAt([1, 2, 4]), undefined)).features).toEqual(features);
  });

  test('a task that fails on the thread fails the set-up, after the tasks in flight have ended', async () => {
    let ended = 0;
    let held = 0;
    const runner: SetupRunner = {
      hold: () => (held++, () => void held--),
      measure: async () => { throw new Error('never asked'); },
      filter: async (task) => {
        if (task.sigmaMm === 2) throw new Error('the thread ran out of memory');
        await new Promise((resolve) => setTimeout(resolve, 20));
        ended++;
        return filterHere(task);
      },
    };
    await expect(computeSetup(filtersAt([2, 1, 4]), undefined, runner)).rejects.toThrow('the thread ran out of memory');
    expect(ended).toBeGreaterThanOrEqual(1);
    expect(held).toBe(0);
  });
});
