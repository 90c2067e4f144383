/**
 * The geodesic distances on a real worker_threads thread (the CLI's and the benches' second thread): the thread's
 * bundle built as scripts/build-cli.js builds it, the same distances as on the calling thread, and a thread that
 * cannot start or dies costs time, not the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GEODESIC_THREAD_SCRIPT, geodesicThread, geodesicThreadBeside } from '../../../src/cli/nodeGeodesicRunner';
import { geodesicRunnerOn } from '../../../src/ssldec/data/geodesicThread';
import type { ClassDistances, GeodesicRunner } from '../../../src/ssldec/data/geodesicDistances';
import { FilterBankCache } from '../../../src/ssldec/data/FilterBankCache';
import { volumeSource } from '../../../src/ssldec/data/volumeSource';
import { MODEL_PRESETS, type ModelConfig } from '../../../src/ssldec/model/ModelConfig';
import { DEFAULT_NORMALISATION } from '../../../src/ssldec/model/buildFcn';
import { makePhantom } from '../ssldec/helpers/phantom';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildGeodesicThread } = require('../../../scripts/build-cli.js') as { buildGeodesicThread(dir: string): void };

const phantom = makePhantom([40, 36, 10], [2, 5, 8]);
// The default preset's measure: plain distances for the looks' adaptation, then the class barrier's.
const config: ModelConfig = { ...MODEL_PRESETS.default, inputChannels: 1, numClasses: 3, filterScales: [1] };
const model = { config, normalisation: DEFAULT_NORMALISATION };
/** Per class, its three arrays as plain numbers (a thread's arrays come from another realm than Jest's). */
const valuesOf = (classes: ClassDistances[]) => classes.map((d) => [d.nearest, d.nearestStroke, d.second].map((a) => Array.from(a)));
const geodesicOf = async (runner?: GeodesicRunner, cache?: FilterBankCache) =>
  (await volumeSource(model, phantom.volume, phantom.scribbles.data, true, cache, runner)).geodesic!;

describe('the geodesic distances on a Node thread', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-geodesic-thread-'));
    buildGeodesicThread(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the thread gives the distances computed here, to the bit, run after run', async () => {
    const here = await geodesicOf();
    const runner = geodesicThreadBeside(join(dir, 'ssldec.mjs'));
    expect(runner).toBeDefined();
    for (let run = 0; run < 2; run++) {
      const there = await geodesicOf(runner);
      expect(there.classes).toHaveLength(3);
      // The thread answered: arrays that came back over it are not of Jest's realm (the ones computed here are).
      expect(there.classes[0].nearest).not.toBeInstanceOf(Float32Array);
      expect(here.classes[0].nearest).toBeInstanceOf(Float32Array);
      expect(there.scale).toBe(here.scale);
      expect(valuesOf(there.classes)).toEqual(valuesOf(here.classes));
      expect(valuesOf(there.forPrior!.classes)).toEqual(valuesOf(here.forPrior!.classes));
      expect(there.strokeOf).toEqual(here.strokeOf);
    }
    // The barred measure differs from the plain one, so the comparison above saw both.
    expect(valuesOf(here.classes)).not.toEqual(valuesOf(here.forPrior!.classes));
  });

  test('with the filter bank kept from the last run, the thread measures the first half of the classes beside this one', async () => {
    const here = await geodesicOf();
    const runner = geodesicThreadBeside(join(dir, 'ssldec.mjs'));
    const cache = new FilterBankCache();
    await geodesicOf(runner, cache); // computes the bank (the whole job on the thread) and keeps it
    const shared = await geodesicOf(runner, cache);
    expect(valuesOf(shared.classes)).toEqual(valuesOf(here.classes));
    expect(valuesOf(shared.forPrior!.classes)).toEqual(valuesOf(here.forPrior!.classes));
    // Three classes: the first two came over the thread, the third was measured here.
    expect(shared.classes.map((d) => d.nearest instanceof Float32Array)).toEqual([false, false, true]);
  });

  test('no thread bundle beside the running file: no runner, the distances are computed here', () => {
    expect(geodesicThreadBeside(join(tmpdir(), 'nowhere', 'ssldec.mjs'))).toBeUndefined();
    expect(GEODESIC_THREAD_SCRIPT).toBe('ssldec-geodesic-thread.mjs');
  });

  test('a thread that dies, or cannot be made, leaves its jobs to this thread with the same result, and says so once', async () => {
    const here = await geodesicOf();
    const dying = join(dir, 'dies.mjs');
    writeFileSync(dying, "throw new Error('no thread today');\n");
    const told: string[] = [];
    const dead = geodesicThread(dying, (e) => told.push(e.message));
    expect((await geodesicOf(dead)).classes).toEqual(here.classes);
    expect((await geodesicOf(dead)).classes).toEqual(here.classes); // later jobs run here without trying again
    expect(told).toEqual([expect.stringContaining('no thread today')]);
    const refused = geodesicRunnerOn(() => {
      throw new Error('workers are not allowed here');
    }, (e) => told.push(e.message));
    expect((await geodesicOf(refused)).classes).toEqual(here.classes);
    expect(told).toHaveLength(2);
  });
});
