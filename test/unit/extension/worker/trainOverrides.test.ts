/**
 * Every TrainConfig field the panel sets must reach the engine unchanged (a dropped `maxRounds` once made
 * `npm start -- --max-rounds N` a no-op). Unit test of our own plumbing: the engine is a recorder, not TF.js.
 */
import { TRAIN_PRESETS, type TrainConfig, type TrainOptions } from '../../../../src/ssldec';
import { createTrainingHandler, type TrainingEngine } from '../../../../extension/worker/createTrainingHandler';
import type { WorkerResponse } from '../../../../extension/worker/messages';
import { trainSettings } from '../../../../extension/worker/trainSettings';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

/** A value for every TrainConfig field that differs from every preset's, so a dropped field cannot pass unnoticed. */
function everyOverride(): TrainConfig {
  const base = TRAIN_PRESETS.default;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    out[key] = typeof value === 'number' ? Math.max(...Object.values(TRAIN_PRESETS).map((p) => p[key as keyof TrainConfig] as number)) + 7
      : key === 'targetPrior' ? 'tempered' : value;
  }
  return out as unknown as TrainConfig;
}

describe('worker settings → engine options', () => {
  it('passes every TrainConfig override through the worker to trainSsldec', async () => {
    const seen: TrainOptions[] = [];
    const engine: TrainingEngine = {
      trainSsldec: async (_v, _s, options) => { seen.push(options); throw new Error('recorded'); },
      saveModel: async () => new Uint8Array(),
      loadModel: async () => { throw new Error('unused'); },
      prepareFilterBank: async () => { throw new Error('unused'); },
    };
    const responses: WorkerResponse[] = [];
    const handler = createTrainingHandler(engine, (m) => responses.push(m));
    const overrides = everyOverride();
    const { volume, scribbles } = twoClassPhantom();
    await handler.handle({
      type: 'train', requestId: 1, volume, scribbles,
      settings: { classes: [{ value: 1, name: 'A' }, { value: 2, name: 'B' }], backend: 'cpu', preset: 'tiny', seed: 5, overrides, continueTraining: false },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ ...overrides, backend: 'cpu', preset: 'tiny', seed: 5 });
    expect(Object.keys(overrides).sort()).toEqual(Object.keys(TRAIN_PRESETS.default).sort());
    expect(responses).toEqual([{ type: 'failed', requestId: 1, error: { name: 'Error', message: 'recorded' } }]);
  });
});

describe('trainSettings (site config + session schedule → one request)', () => {
  const classes = [{ value: 1, name: 'A' }, { value: 2, name: 'B' }];
  it('carries the site maxRounds, backend, wasm threads, preset and seed, and keeps the schedule fields', () => {
    expect(trainSettings({ maxRounds: 2, backend: 'webgl', wasmThreads: 3, preset: 'cpu', seed: 4 }, { roundSteps: 3, maxRounds: 9 }, classes, true))
      .toEqual({ classes, backend: 'webgl', wasmThreads: 3, preset: 'cpu', seed: 4, overrides: { roundSteps: 3, maxRounds: 2 }, continueTraining: true });
  });
  it('leaves maxRounds to the schedule (or the preset) when the site sets none', () => {
    expect(trainSettings({}, { maxRounds: 9 }, classes, false).overrides).toEqual({ maxRounds: 9 });
    expect(trainSettings({}, undefined, classes, false).overrides).toEqual({});
  });
});
