/**
 * The boundary check (TrainConfig.boundaryCheck): after the rounds, a run keeps its first result when the image
 * changes more across the first's class boundaries than across the refined result's, and offers the other. On the
 * phantom with the tiny preset, network seed 3 keeps the first and seed 1 the refined one (cpu is deterministic).
 */
import { predictVolume, trainSsldec, type TrainOptions, type TrainPreview } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([40, 40, 12], [4, 7]);
const fast: TrainOptions = { backend: 'cpu', preset: 'tiny' };

async function labelsOf(model: Parameters<typeof predictVolume>[0]): Promise<Uint8Array> {
  return (await predictVolume(model, phantom.volume, { scribbles: phantom.scribbles })).labelmap.data;
}

describe('trainSsldec keeps the result whose class boundaries lie on the stronger image edges (cpu, tiny, phantom)', () => {
  test('seed 3: the first result kept, with its model; the refined one offered with the model that made it', async () => {
    const before = tf.memory().numTensors;
    let preview: TrainPreview | undefined;
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, seed: 3, keepOtherModel: true, onPreview: (p) => (preview = p) });
    const unchecked = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, seed: 3, boundaryCheck: false });
    expect(r.kept).toBe('first');
    expect(r.boundarySteps!.first).toBeGreaterThan(r.boundarySteps!.refined);
    expect(r.rounds).toBe(0);
    expect(r.prediction.data).toEqual(preview!.prediction.data);
    expect(r.confidence).toEqual(preview!.confidence);
    expect(r.notes.join(' ')).toMatch(/Kept the first result/);
    // The refined result is the one the run gives without the check, rounds and all.
    expect(r.refined!.prediction.data).toEqual(unchecked.prediction.data);
    expect(r.refined!.confidence).toEqual(unchecked.confidence);
    expect(r.refined!.rounds).toBe(unchecked.rounds);
    expect(r.refined!.rounds).toBeGreaterThan(0);
    expect(unchecked.kept).toBeUndefined();
    expect(r.prediction.data).not.toEqual(unchecked.prediction.data);
    // Each model predicts its own result: Retrain and Save model use the one on screen.
    expect(await labelsOf(r.model)).toEqual(r.prediction.data);
    expect(await labelsOf(r.otherModel!)).toEqual(r.refined!.prediction.data);
    for (const m of [r.model, r.otherModel!, unchecked.model]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180000);

  test('seed 1: the refined result kept; the first one\'s model offered; no note', async () => {
    const before = tf.memory().numTensors;
    let preview: TrainPreview | undefined;
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, seed: 1, keepOtherModel: true, onPreview: (p) => (preview = p) });
    expect(r.kept).toBe('refined');
    expect(r.boundarySteps!.first).toBeLessThanOrEqual(r.boundarySteps!.refined);
    expect(r.rounds).toBeGreaterThan(0);
    expect(r.refined).toBeUndefined();
    expect(r.notes.join(' ')).not.toMatch(/Kept the first result/);
    expect(await labelsOf(r.model)).toEqual(r.prediction.data);
    expect(await labelsOf(r.otherModel!)).toEqual(preview!.prediction.data);
    r.model.dispose();
    r.otherModel!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180000);

  test('without a preview asked for, the check still makes the first result; without keepOtherModel no other model', async () => {
    const before = tf.memory().numTensors;
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, seed: 3 });
    expect(r.history.some((h) => h.phase === 'preview')).toBe(true);
    expect(r.kept).toBe('first');
    expect(r.otherModel).toBeUndefined();
    expect(r.seconds.firstPrediction).toBe(r.seconds.total);
    r.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180000);
});
