/**
 * The training worker's message handler, driven directly in Node with the real engine on the cpu backend and a
 * tiny volume: train, retrain from the held model, save/load the model, cancel, and engine errors as 'failed'.
 */
import * as engine from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { createTrainingHandler, PROGRESS_INTERVAL_S } from '../../../../extension/worker/createTrainingHandler';
import { measureDistances, runGeodesicJob } from '../../../../src/ssldec/data/geodesicDistances';
import { filterHere } from '../../../../src/ssldec/data/setupSchedule';
import type { TrainSettings, WorkerResponse } from '../../../../extension/worker/messages';
import { agreement, twoClassPhantom } from '../helpers/twoClassPhantom';

const CLASSES = [{ value: 1, name: 'Dark' }, { value: 2, name: 'Bright' }];
// A shortened tiny schedule keeps each run at a few seconds on a shared 2-core machine.
const SCHEDULE = { maxRounds: 1, supervisedSteps: 25, roundSteps: 4, unlabelledPatches: 4, patchSize: 16 };
const SETTINGS: TrainSettings = { classes: CLASSES, backend: 'cpu', preset: 'tiny', seed: 3, overrides: SCHEDULE, continueTraining: false };

function recorder() {
  const messages: { message: WorkerResponse; transfer: ArrayBuffer[] }[] = [];
  const handler = createTrainingHandler(engine, (message, transfer) => messages.push({ message, transfer }));
  const final = (requestId: number) => messages.filter((m) => m.message.requestId === requestId && m.message.type !== 'progress' && m.message.type !== 'preview');
  return { messages, handler, final };
}

describe('createTrainingHandler (cpu, 16x16x3 two-class phantom, shortened tiny schedule)', () => {
  it('trains, reports progress, returns a prediction that matches the phantom, and transfers its buffers', async () => {
    const { volume, scribbles, truth } = twoClassPhantom();
    const { messages, handler, final } = recorder();
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    const progress = messages.flatMap((m) => (m.message.type === 'progress' ? [m.message.progress] : []));
    expect(progress.length).toBeGreaterThan(3);
    // One share for the whole run: never decreasing across phases and rounds, with an ETA on every event.
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['supervised', 'preview', 'ssldec', 'inference']));
    // One preview (the supervised model's prediction) before the rounds, its buffers transferred; then the result.
    const previews = messages.filter((m) => m.message.type === 'preview');
    expect(previews).toHaveLength(1);
    const preview = previews[0].message;
    if (preview.type !== 'preview') throw new Error('unreachable');
    expect(messages.indexOf(previews[0])).toBeLessThan(messages.findIndex((m) => m.message.type === 'progress' && m.message.progress.phase === 'ssldec'));
    expect(preview.prediction.dimensions).toEqual([16, 16, 3]);
    expect(agreement(preview.prediction.data, truth)).toBeGreaterThan(0.8);
    expect(previews[0].transfer).toEqual(expect.arrayContaining([preview.prediction.data.buffer, preview.confidence.buffer]));
    expect(progress[progress.length - 1].fraction).toBeGreaterThan(0.9);
    // An ETA once 16 supervised steps are timed, prediction included: the first (it also pays for setting up) and the
    // next 6 (a quarter of this 25-step phase, while the code warms up) are not, so from step 23.
    const timed = progress.slice(progress.findIndex((p) => p.phase === 'supervised' && p.step >= 23));
    expect(timed.length).toBeGreaterThan(3);
    expect(timed.every((p) => p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds) && p.etaSeconds >= 0)).toBe(true);
    const [done] = final(1);
    if (done.message.type !== 'trained') throw new Error(`expected trained, got ${JSON.stringify(done.message)}`);
    expect(done.message.backend).toBe('cpu');
    expect(done.message.continued).toBe(false);
    expect(done.message.prediction.dimensions).toEqual([16, 16, 3]);
    expect(agreement(done.message.prediction.data, truth)).toBeGreaterThan(0.9);
    expect(done.message.confidence.length).toBe(16 * 16 * 3);
    expect(done.transfer).toEqual(expect.arrayContaining([done.message.prediction.data.buffer, done.message.confidence.buffer]));
    expect(handler.hasModel()).toBe(true);
  }, 60_000);

  it('retrains from the held model, and saves / loads it as bytes', async () => {
    const { volume, scribbles, truth } = twoClassPhantom();
    const { handler, final } = recorder();
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    await handler.handle({ type: 'saveModel', requestId: 2 });
    const [saved] = final(2);
    if (saved.message.type !== 'modelSaved') throw new Error(`expected modelSaved, got ${JSON.stringify(saved.message)}`);
    expect(saved.message.bytes.length).toBeGreaterThan(100);

    const second = recorder();
    await second.handler.handle({ type: 'loadModel', requestId: 1, bytes: saved.message.bytes });
    expect(second.final(1)[0].message.type).toBe('modelLoaded');
    const again = twoClassPhantom();
    await second.handler.handle({ type: 'train', requestId: 2, volume: again.volume, scribbles: again.scribbles, settings: { ...SETTINGS, continueTraining: true } });
    const [retrained] = second.final(2);
    if (retrained.message.type !== 'trained') throw new Error(`expected trained, got ${JSON.stringify(retrained.message)}`);
    expect(retrained.message.continued).toBe(true);
    // a constant or random prediction agrees on ~50 %; the loaded model keeps the split after more training
    expect(agreement(retrained.message.prediction.data, truth)).toBeGreaterThan(0.85);
  }, 60_000);

  it('switches the held model to the run\'s preview model and back, and forgets the other one when a model is loaded', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const { handler, final } = recorder();
    const bytesOf = async (requestId: number) => {
      await handler.handle({ type: 'saveModel', requestId });
      const [m] = final(requestId);
      if (m.message.type !== 'modelSaved') throw new Error(`expected modelSaved, got ${JSON.stringify(m.message)}`);
      return m.message.bytes;
    };
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    const refined = await bytesOf(2);
    const tensors = tf.memory().numTensors;
    await handler.handle({ type: 'switchModel', requestId: 3 });
    expect(final(3)[0].message).toEqual({ type: 'modelSwitched', requestId: 3 });
    // Both models stay held (nothing freed, nothing copied), and the one saved now is the preview's, not the refined.
    expect(tf.memory().numTensors).toBe(tensors);
    const first = await bytesOf(4);
    expect(Buffer.from(first).equals(Buffer.from(refined))).toBe(false);
    await handler.handle({ type: 'switchModel', requestId: 5 });
    expect(Buffer.from(await bytesOf(6)).equals(Buffer.from(refined))).toBe(true);
    // A loaded model has no other: the preview's model is released with the refined one.
    await handler.handle({ type: 'loadModel', requestId: 7, bytes: first });
    expect(tf.memory().numTensors).toBeLessThan(tensors);
    await handler.handle({ type: 'switchModel', requestId: 8 });
    expect(final(8)[0].message).toEqual({ type: 'failed', requestId: 8, error: { name: 'WorkerStateError', message: expect.stringMatching(/No other result/) } });
  }, 60_000);

  it('posts a phase\'s first and last steps and otherwise one progress message per PROGRESS_INTERVAL_S', async () => {
    const { volume, scribbles } = twoClassPhantom();
    // A clock that moves 10 ms per engine event: a supervised step of a few ms would otherwise post each time.
    let clock = 0;
    const emitted: engine.TrainProgress[] = [];
    const messages: WorkerResponse[] = [];
    const handler = createTrainingHandler({
      ...engine, now: () => clock,
      trainSsldec: (v, s, options) => engine.trainSsldec(v, s, {
        ...options, onProgress: (p) => { clock += 0.01; emitted.push(p); options.onProgress!(p); },
      }),
    }, (m) => messages.push(m));
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    const posted = messages.flatMap((m) => (m.type === 'progress' ? [m.progress] : []));
    const phases = [...new Set(emitted.map((p) => p.phase))];
    expect(phases).toEqual(expect.arrayContaining(['supervised', 'preview', 'ssldec', 'inference']));
    for (const phase of phases) {
      const all = emitted.filter((p) => p.phase === phase);
      const sent = posted.filter((p) => p.phase === phase);
      // The first and the last step of the phase always, each step that ends a round or tile run, and at most one
      // more per 0.1 s of the clock (10 events).
      expect(sent[0].step).toBe(all[0].step);
      expect(sent.at(-1)!.step).toBe(all.at(-1)!.step);
      const ends = all.filter((p) => p.step === p.total).length;
      expect(sent.length).toBeLessThanOrEqual(1 + ends + Math.ceil(all.length / 10));
    }
    // The 25 supervised steps (0.25 s of the clock) post 4 messages or fewer, not 25.
    expect(posted.filter((p) => p.phase === 'supervised').length).toBeLessThanOrEqual(5);
    expect(posted.length).toBeLessThan(emitted.length / 3);
    expect(PROGRESS_INTERVAL_S).toBe(0.1);
  }, 60_000);

  it('hands each run the same filter-bank cache, so a correction on the same image reuses the bank', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const caches: unknown[] = [];
    const handler = createTrainingHandler(
      { ...engine, trainSsldec: (v, s, options) => (caches.push(options.filterBankCache), engine.trainSsldec(v, s, options)) },
      () => undefined,
    );
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    const again = twoClassPhantom();
    await handler.handle({ type: 'train', requestId: 2, volume: again.volume, scribbles: again.scribbles, settings: SETTINGS });
    expect(caches[0]).toBeInstanceOf(engine.FilterBankCache);
    expect(caches[1]).toBe(caches[0]);
  }, 60_000);

  it('prepares the filter bank into the runs\' cache ahead of Train; a Train sent meanwhile starts when it is done', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const events: string[] = [];
    const caches: unknown[] = [];
    const messages: WorkerResponse[] = [];
    const handler = createTrainingHandler({
      ...engine,
      prepareFilterBank: async (v, options) => {
        events.push('prepare started');
        caches.push(options.filterBankCache);
        await engine.prepareFilterBank(v, options);
        events.push('prepare done');
      },
      trainSsldec: (v, s, options) => (events.push('train started'), caches.push(options.filterBankCache), engine.trainSsldec(v, s, options)),
    }, (m) => messages.push(m));
    const prepared = twoClassPhantom().volume;
    // Not awaited: the clinician presses Train while the bank is still being computed.
    const preparing = handler.handle({ type: 'prepare', requestId: 1, volume: prepared, settings: { ...SETTINGS, preset: 'default' } });
    await handler.handle({ type: 'train', requestId: 2, volume, scribbles, settings: SETTINGS });
    await preparing;
    expect(events).toEqual(['prepare started', 'prepare done', 'train started']);
    expect(caches[1]).toBe(caches[0]);
    expect(messages.find((m) => m.requestId === 1)).toEqual({ type: 'prepared', requestId: 1 });
    expect(messages.find((m) => m.requestId === 2 && m.type !== 'progress' && m.type !== 'preview')?.type).toBe('trained');
  }, 60_000);

  it('a failed prepare is reported, and the next Train runs', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const messages: WorkerResponse[] = [];
    const handler = createTrainingHandler({ ...engine, prepareFilterBank: async () => { throw new Error('out of memory'); } }, (m) => messages.push(m));
    await handler.handle({ type: 'prepare', requestId: 1, volume: twoClassPhantom().volume, settings: SETTINGS });
    await handler.handle({ type: 'train', requestId: 2, volume, scribbles, settings: SETTINGS });
    expect(messages.find((m) => m.requestId === 1)).toEqual({ type: 'failed', requestId: 1, error: { name: 'Error', message: 'out of memory' } });
    expect(messages.find((m) => m.requestId === 2 && m.type !== 'progress' && m.type !== 'preview')?.type).toBe('trained');
  }, 60_000);

  it("hands every run the worker's set-up runner, which computes the run's geodesic distances", async () => {
    const { volume, scribbles } = twoClassPhantom();
    let jobs = 0;
    const setupRunner: engine.SetupRunner = {
      hold: () => () => undefined,
      run: async (job) => (jobs++, runGeodesicJob(job)),
      measure: async (part) => (jobs++, measureDistances(part)),
      filter: async (task) => (jobs++, filterHere(task)),
    };
    const messages: WorkerResponse[] = [];
    const handler = createTrainingHandler({
      ...engine, setupRunner,
      // The tiny preset reads the image alone: geodesic inputs on, so the run has distances to compute.
      trainSsldec: (v, s, options) => engine.trainSsldec(v, s, { ...options, model: { geodesicInputs: true } }),
    }, (m) => messages.push(m));
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: SETTINGS });
    expect(messages.at(-1)?.type).toBe('trained');
    // The tiny preset has no filter bank, so the distances are shared: under each of the two measures (the plain one,
    // then the class barrier's) the first of the two classes went to the runner.
    expect(jobs).toBe(2);
  }, 60_000);

  it('trains on the backend the machine check chose and sends its reason with the result', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const asked: Array<string | undefined> = [];
    const messages: WorkerResponse[] = [];
    const handler = createTrainingHandler(
      { ...engine, chooseBackend: async (forced) => (asked.push(forced), { backend: 'cpu', reason: 'cpu because this test says so' }) },
      (message) => messages.push(message),
    );
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: { ...SETTINGS, backend: undefined } });
    const done = messages.find((m) => m.type === 'trained');
    expect(done).toMatchObject({ backend: 'cpu', backendReason: 'cpu because this test says so' });
    expect(asked).toEqual([undefined]);
  }, 60_000);

  it("sends the engine's notes with the result (the cpu preset's geodesic prior is off without a \"Background\" class)", async () => {
    const { volume, scribbles } = twoClassPhantom();
    const { handler, final } = recorder();
    await handler.handle({ type: 'train', requestId: 1, volume, scribbles, settings: { ...SETTINGS, preset: 'cpu' } });
    const [done] = final(1);
    if (done.message.type !== 'trained') throw new Error(`expected trained, got ${JSON.stringify(done.message)}`);
    expect(done.message.notes).toEqual([expect.stringMatching(/^Geodesic prior off: no class is named "Background"/)]);
  }, 60_000);

  it('answers Retrain without a model with a WorkerStateError', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const { handler, final } = recorder();
    await handler.handle({ type: 'train', requestId: 5, volume, scribbles, settings: { ...SETTINGS, continueTraining: true } });
    expect(final(5)[0].message).toEqual({ type: 'failed', requestId: 5, error: { name: 'WorkerStateError', message: expect.stringMatching(/press Train first/) } });
  });

  it('cancels a running request: failed with AbortError, model unchanged', async () => {
    const { volume, scribbles } = twoClassPhantom();
    const { messages, handler, final } = recorder();
    const run = handler.handle({ type: 'train', requestId: 7, volume, scribbles, settings: SETTINGS });
    // cancel as soon as the first step is reported
    await new Promise<void>((resolve) => {
      const poll = () => (messages.some((m) => m.message.type === 'progress') ? resolve() : setTimeout(poll, 5));
      poll();
    });
    await handler.handle({ type: 'cancel', requestId: 7 });
    await run;
    const [end] = final(7);
    expect(end.message.type).toBe('failed');
    if (end.message.type === 'failed') expect(end.message.error.name).toBe('AbortError');
    expect(handler.hasModel()).toBe(false);
  }, 60_000);

  it('passes engine errors through by class name (one class scribbled)', async () => {
    const { volume, scribbles } = twoClassPhantom();
    scribbles.data.forEach((v, i) => v === 2 && (scribbles.data[i] = 0));
    const { handler, final } = recorder();
    await handler.handle({ type: 'train', requestId: 9, volume, scribbles, settings: SETTINGS });
    const [end] = final(9);
    expect(end.message.type).toBe('failed');
    if (end.message.type === 'failed') expect(end.message.error.name).toBe('InsufficientScribblesError');
  });
});
