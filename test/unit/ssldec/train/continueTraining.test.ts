import { trainSsldec, ModelMismatchError } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 24, 8], [3]);
const more = makePhantom([24, 24, 8], [3, 5]);
const fast = { backend: 'cpu' as const, preset: 'tiny' as const, seed: 2, supervisedSteps: 10, mode: 'supervised' as const };

describe('continue training from a model', () => {
  test('starts from the given weights, leaves the original model unchanged, keeps classes and architecture', async () => {
    const first = await trainSsldec(phantom.volume, phantom.scribbles, fast);
    const originalWeights = await Promise.all(first.model.variables().map((v) => v.data()));
    const before = tf.memory().numTensors;
    const second = await trainSsldec(more.volume, more.scribbles, { ...fast, initialModel: first.model, supervisedSteps: 2 });
    // The continued run starts where the first ended: its first loss is lower than a fresh model's first loss.
    const firstLoss = (r: typeof first) => r.history.find((h) => h.phase === 'supervised')!.loss!;
    expect(firstLoss(second)).toBeLessThan(firstLoss(first));
    expect(second.model).not.toBe(first.model);
    expect(second.model.config).toEqual(first.model.config);
    expect(second.model.classes).toEqual(first.model.classes);
    const after = await Promise.all(first.model.variables().map((v) => v.data()));
    after.forEach((a, i) => expect(a).toEqual(originalWeights[i]));
    second.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    first.model.dispose();
  }, 120000);

  test('a model with other classes or channels is rejected with ModelMismatchError', async () => {
    const first = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, supervisedSteps: 1 });
    const fourClasses = { ...more.scribbles, data: more.scribbles.data.map((v, i) => (i === 0 ? 4 : v)) };
    await expect(trainSsldec(more.volume, fourClasses, { ...fast, initialModel: first.model })).rejects.toThrow(ModelMismatchError);
    const twoChannels = { ...more.volume, channels: [more.volume.channels[0], more.volume.channels[0]] };
    await expect(trainSsldec(twoChannels, more.scribbles, { ...fast, initialModel: first.model })).rejects.toThrow(/expects 1 image channel/);
    await expect(trainSsldec(more.volume, more.scribbles, {
      ...fast, initialModel: first.model, classes: [{ value: 1, name: 'a' }, { value: 2, name: 'b' }],
    })).rejects.toThrow(ModelMismatchError);
    first.model.dispose();
  }, 120000);
});
