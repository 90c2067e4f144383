/**
 * WorkerClient against the real handler across a real MessageChannel (structured clone and transfer as in a browser
 * worker), with the real engine on cpu: progress and the preview reach the caller, buffers are transferred, failures reject with
 * the engine's error name, and cancel rejects with AbortError.
 */
import { WorkerClient, WorkerRequestError } from '../../../../extension/worker/WorkerClient';
import type { PreviewMessage, TrainSettings } from '../../../../extension/worker/messages';
import { inProcessWorker } from '../helpers/inProcessWorker';
import type { TrainProgress } from '../../../../src/ssldec/types';
import { agreement, twoClassPhantom } from '../helpers/twoClassPhantom';

const SETTINGS: TrainSettings = {
  classes: [{ value: 1, name: 'Dark' }, { value: 2, name: 'Bright' }], backend: 'cpu', preset: 'tiny', seed: 3,
  overrides: { maxRounds: 1, supervisedSteps: 25, roundSteps: 4, unlabelledPatches: 4, patchSize: 16 }, continueTraining: false,
};

describe('WorkerClient over a MessageChannel with the real handler (cpu)', () => {
  let client: WorkerClient;
  beforeEach(() => {
    client = new WorkerClient(inProcessWorker().worker);
  });
  afterEach(() => client.terminate());

  it('trains: progress events arrive, the volume buffer is transferred away, the prediction comes back', async () => {
    const { volume, scribbles, truth } = twoClassPhantom();
    const events: TrainProgress[] = [];
    const previews: PreviewMessage[] = [];
    const run = client.train(volume, scribbles, SETTINGS, (p) => events.push(p), (p) => previews.push(p));
    expect(volume.channels[0].byteLength).toBe(0); // transferred, not copied
    const result = await run.result;
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['supervised', 'preview', 'inference']));
    // The preview reached its own callback once, before the result, and did not settle the request.
    expect(previews).toHaveLength(1);
    expect(agreement(previews[0].prediction.data, truth)).toBeGreaterThan(0.8);
    expect(result.backend).toBe('cpu');
    expect(agreement(result.prediction.data, truth)).toBeGreaterThan(0.9);
    const bytes = await client.saveModel();
    expect(bytes.byteLength).toBeGreaterThan(100);
  }, 60_000);

  it('rejects with the engine error name, and with AbortError on cancel', async () => {
    const { volume, scribbles } = twoClassPhantom();
    await expect(client.saveModel()).rejects.toMatchObject({ errorName: 'WorkerStateError' });
    const run = client.train(volume, scribbles, SETTINGS, () => client.cancel(run.requestId));
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerRequestError);
    expect((error as WorkerRequestError).errorName).toBe('AbortError');
  }, 60_000);
});
