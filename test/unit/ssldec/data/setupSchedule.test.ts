/**
 * The geodesic job shared between two threads gives the distances of the whole job run on one: each measure's
 * first classes on the other runner, the rest here, for every mix of the class barrier and its looks' adaptation.
 */
import {
  measureDistances, runGeodesicJob, shareGeodesicJob, type DistanceJob, type GeodesicJob, type GeodesicRunner,
} from '../../../../src/ssldec/data/geodesicDistances';
import { prepareGeodesicFeatures } from '../../../../src/ssldec/data/geodesicFeatures';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([30, 26, 8], [2, 5]);
const jobOf = (classBarrier: number, lookAdaptation: number): GeodesicJob =>
  prepareGeodesicFeatures(1, (_c, v) => phantom.volume.channels[0][v] / 100, [30, 26, 8], [1, 1, 2], phantom.scribbles.data, 3, true,
    0.01, classBarrier, 0.5, lookAdaptation).job;

describe('shareGeodesicJob', () => {
  test.each([[0, 0], [1, 0], [1, 1]])('β %d, α %d: the same distances as the whole job, the first half of the classes measured there', async (beta, alpha) => {
    const job = jobOf(beta, alpha);
    const asked: DistanceJob[] = [];
    const there: GeodesicRunner = {
      run: async () => { throw new Error('a shared job asks for parts only'); },
      measure: async (part) => (asked.push(part), measureDistances(part)),
    };
    const whole = runGeodesicJob(job);
    const shared = await shareGeodesicJob(job, there);
    expect(shared).toEqual(whole);
    // Per measure, classes 0 and 1 of the three went there (with their own posteriors under the barrier).
    expect(asked).toHaveLength(beta === 0 ? 1 : alpha > 0 ? 2 : 1);
    for (const part of asked) {
      expect(part.seeds).toEqual(job.seeds.slice(0, 2));
      expect(part.barrier?.posteriors.length ?? 2).toBe(2);
    }
    expect(shared.plain !== undefined).toBe(beta > 0 && alpha > 0);
  });
});
