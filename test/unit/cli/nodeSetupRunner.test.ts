/**
 * The set-up on a real worker_threads thread (the CLI's and the benches' second thread): the thread's bundle built as
 * scripts/build-cli.js builds it, the same inputs as on the calling thread, and a thread that cannot start or dies
 * costs time, not the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETUP_THREAD_SCRIPT, setupThread, setupThreadBeside, workerPort } from '../../../src/cli/nodeSetupRunner';
import { setupRunnerOn } from '../../../src/ssldec/data/setupThread';
import { computeSetup, filterHere, type FilterTask, type SetupRunner } from '../../../src/ssldec/data/setupSchedule';
import type { ClassDistances } from '../../../src/ssldec/data/geodesicDistances';
import { FilterBankCache } from '../../../src/ssldec/data/FilterBankCache';
import { volumeSource } from '../../../src/ssldec/data/volumeSource';
import { MODEL_PRESETS, type ModelConfig } from '../../../src/ssldec/model/ModelConfig';
import { DEFAULT_NORMALISATION } from '../../../src/ssldec/model/buildFcn';
import { makePhantom } from '../ssldec/helpers/phantom';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildSetupThread } = require('../../../scripts/build-cli.js') as { buildSetupThread(dir: string): void };

const phantom = makePhantom([40, 36, 10], [2, 5, 8]);
// The default preset's measure: plain distances for the looks' adaptation, then the class barrier's.
const config: ModelConfig = { ...MODEL_PRESETS.default, inputChannels: 1, numClasses: 3, filterScales: [1, 2] };
const model = { config, normalisation: DEFAULT_NORMALISATION };
/** Per class, its three arrays as plain numbers (a thread's arrays come from another realm than Jest's). */
const valuesOf = (classes: ClassDistances[]) => classes.map((d) => [d.nearest, d.nearestStroke, d.second].map((a) => Array.from(a)));
const sourceOf = (runner?: SetupRunner, cache?: FilterBankCache) => volumeSource(model, phantom.volume, phantom.scribbles.data, true, cache, runner);
const geodesicOf = async (runner?: SetupRunner, cache?: FilterBankCache) => (await sourceOf(runner, cache)).geodesic!;
/** A voxel-sized filter task of the phantom at σ `sigmaMm`. */
const filterAt = (sigmaMm: number): FilterTask => ({
  values: phantom.volume.channels[0], dims: [40, 36, 10], spacing: phantom.volume.spacing, sigmaMm, mean: 'edgeAware', edgeStop: 5,
});

describe('the set-up on a Node thread', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-setup-thread-'));
    buildSetupThread(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('shared with the thread, the inputs are the ones computed here, to the bit, run after run', async () => {
    const here = await sourceOf();
    const runner = setupThreadBeside(join(dir, 'ssldec.mjs'));
    expect(runner).toBeDefined();
    for (let run = 0; run < 2; run++) {
      const there = await sourceOf(runner);
      const [g, h] = [there.geodesic!, here.geodesic!];
      expect(g.classes).toHaveLength(3);
      // The thread took the geodesic job: arrays that came back over it are not of Jest's realm (the ones computed
      // here are).
      expect([...g.classes, ...g.forPrior!.classes].some((d) => d.nearest instanceof Float32Array)).toBe(false);
      expect(h.classes[0].nearest).toBeInstanceOf(Float32Array);
      expect(g.scale).toBe(h.scale);
      expect(valuesOf(g.classes)).toEqual(valuesOf(h.classes));
      expect(valuesOf(g.forPrior!.classes)).toEqual(valuesOf(h.forPrior!.classes));
      expect(g.strokeOf).toEqual(h.strokeOf);
      // The image, then two scales of three features, in order, and their maps.
      expect(there.channels).toHaveLength(7);
      expect(there.channels.map((c) => Array.from(c))).toEqual(here.channels.map((c) => Array.from(c)));
      expect(there.maps).toEqual(here.maps);
    }
    // The barred measure differs from the plain one, so the comparison above saw both.
    expect(valuesOf(here.geodesic!.classes)).not.toEqual(valuesOf(here.geodesic!.forPrior!.classes));
  });

  test('one set-up, one thread: it stays between tasks and ends when the set-up has', async () => {
    const ports: { closed: boolean }[] = [];
    const runner = setupRunnerOn(() => {
      const port = workerPort(join(dir, SETUP_THREAD_SCRIPT));
      const seen = { closed: false };
      ports.push(seen);
      return { ...port, close: () => ((seen.closed = true), port.close()) };
    });
    const cache = new FilterBankCache();
    await sourceOf(runner, cache);
    expect(ports).toEqual([{ closed: true }]);
    // The bank kept: two measures shared, each waited for before the next is posted.
    await sourceOf(runner, cache);
    expect(ports).toEqual([{ closed: true }, { closed: true }]);
  });

  test('the filter bank\'s scales go to the thread too, the last first, and come back in their order', async () => {
    const runner = setupThreadBeside(join(dir, 'ssldec.mjs'))!;
    const tasks = [1, 2, 4].map(filterAt);
    const { features, distances } = await computeSetup(tasks, undefined, runner);
    expect(distances).toBeUndefined();
    // The last scale came over the thread, the first was computed here (the middle one by whichever was free).
    expect(features.map((f) => f instanceof Float32Array).filter((_, n) => n < 3 || n >= 6)).toEqual([true, true, true, false, false, false]);
    expect(features.map((f) => Array.from(f))).toEqual(tasks.flatMap(filterHere).map((f) => Array.from(f)));
  });

  test('with the filter bank kept from the last run, the thread measures the first half of the classes beside this one', async () => {
    const here = await geodesicOf();
    const runner = setupThreadBeside(join(dir, 'ssldec.mjs'));
    const cache = new FilterBankCache();
    await geodesicOf(runner, cache); // computes the bank and keeps it
    const shared = await geodesicOf(runner, cache);
    expect(valuesOf(shared.classes)).toEqual(valuesOf(here.classes));
    expect(valuesOf(shared.forPrior!.classes)).toEqual(valuesOf(here.forPrior!.classes));
    // Three classes: under each measure the first two came over the thread, the third was measured here.
    expect(shared.classes.map((d) => d.nearest instanceof Float32Array)).toEqual([false, false, true]);
    expect(shared.forPrior!.classes.map((d) => d.nearest instanceof Float32Array)).toEqual([false, false, true]);
  });

  test('no thread bundle beside the running file: no runner, the set-up runs here', () => {
    expect(setupThreadBeside(join(tmpdir(), 'nowhere', 'ssldec.mjs'))).toBeUndefined();
    expect(SETUP_THREAD_SCRIPT).toBe('ssldec-setup-thread.mjs');
  });

  test('a thread that dies, or cannot be made, leaves its tasks to this thread with the same result, and says so once', async () => {
    const here = await geodesicOf();
    const dying = join(dir, 'dies.mjs');
    writeFileSync(dying, "throw new Error('no thread today');\n");
    const told: string[] = [];
    const dead = setupThread(dying, (e) => told.push(e.message));
    expect((await geodesicOf(dead)).classes).toEqual(here.classes);
    expect((await geodesicOf(dead)).classes).toEqual(here.classes); // later tasks run here without trying again
    expect(told).toEqual([expect.stringContaining('no thread today')]);
    const refused = setupRunnerOn(() => {
      throw new Error('workers are not allowed here');
    }, (e) => told.push(e.message));
    expect((await geodesicOf(refused)).classes).toEqual(here.classes);
    expect(told).toHaveLength(2);
  });
});
