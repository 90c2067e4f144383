import { trainSsldec, TrainingCancelledError } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 24, 8], [3, 5]);

describe('cancellation through AbortSignal', () => {
  test.each(['supervised', 'ssldec', 'inference'] as const)('abort during the %s phase rejects with AbortError within one step and frees every tensor', async (phase) => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let stepsAfterAbort = 0;
    const run = trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 6, maxRounds: 2, roundSteps: 4, signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted && p.phase !== 'setup') stepsAfterAbort++;
        if (p.phase === phase && !controller.signal.aborted) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(TrainingCancelledError);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(stepsAfterAbort).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 120000);

  test('an already-aborted signal rejects before training', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', signal: controller.signal }))
      .rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
