/**
 * The preview (TrainOptions.onPreview): the supervised model's whole-volume prediction, handed over once between the
 * supervised phase and the SSLDEC rounds, as the viewer shows it while training goes on. It must not change the
 * run it is taken from, and the supervised mode has none (its only prediction is the final one).
 */
import { predictVolume, trainSsldec, type TrainOptions, type TrainPreview } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { dice, makePhantom } from '../helpers/phantom';

const phantom = makePhantom([40, 40, 12], [4, 7]);
const fast: TrainOptions = { backend: 'cpu', preset: 'tiny', seed: 3 };

describe('trainSsldec with onPreview (cpu, tiny preset, 40x40x12 phantom)', () => {
  test('hands over one full-volume prediction before the rounds; the final result is the one without a preview', async () => {
    const before = tf.memory().numTensors;
    const previews: Array<TrainPreview & { phasesBefore: string[] }> = [];
    const phases: string[] = [];
    const withPreview = await trainSsldec(phantom.volume, phantom.scribbles, {
      ...fast,
      onProgress: (p) => phases.push(p.phase),
      onPreview: (p) => previews.push({ ...p, phasesBefore: [...new Set(phases)] }),
    });
    const without = await trainSsldec(phantom.volume, phantom.scribbles, fast);

    expect(previews).toHaveLength(1);
    const [preview] = previews;
    // Taken after the supervised phase, predicted in its own 'preview' phase, before any SSLDEC round.
    expect(preview.phasesBefore).toEqual(['setup', 'supervised', 'preview']);
    expect(phases.indexOf('ssldec')).toBeGreaterThan(phases.lastIndexOf('preview'));
    expect(preview.prediction.dimensions).toEqual(phantom.volume.dimensions);
    expect(preview.prediction.data).toHaveLength(phantom.truth.data.length);
    expect(preview.confidence.every((c) => c > 0 && c <= 1)).toBe(true);
    // A usable first result: the supervised tiny model already finds every class of the phantom.
    for (const v of [1, 2, 3]) expect(dice(preview.prediction.data, phantom.truth.data, v)).toBeGreaterThan(0.8);
    expect(preview.missingClasses).toEqual([]);
    // The first prediction is the preview's, earlier than the total; a run without a preview reports its final one.
    expect(withPreview.seconds.firstPrediction).toBe(preview.seconds);
    expect(preview.seconds).toBeLessThan(withPreview.seconds.total);
    expect(without.seconds.firstPrediction).toBe(without.seconds.total);
    // The preview changes nothing in the run: same rounds, same final labels as the run without it.
    expect(withPreview.rounds).toBe(without.rounds);
    expect(withPreview.prediction.data).toEqual(without.prediction.data);
    withPreview.model.dispose();
    without.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180000);

  test('keepOtherModel hands back the preview\'s model when the refined result is kept; without it there is none', async () => {
    const before = tf.memory().numTensors;
    let preview: TrainPreview | undefined;
    // Without the boundary check the refined result is always the one kept (the check: boundaryCheck.test.ts).
    const kept = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, boundaryCheck: false, keepOtherModel: true, onPreview: (p) => (preview = p) });
    expect(kept.otherModel).toBeDefined();
    expect(kept.otherModel).not.toBe(kept.model);
    const again = await predictVolume(kept.otherModel!, phantom.volume, { scribbles: phantom.scribbles });
    expect(again.labelmap.data).toEqual(preview!.prediction.data);
    // The refined model is another one: the rounds moved its weights.
    const refined = await predictVolume(kept.model, phantom.volume, { scribbles: phantom.scribbles });
    expect(refined.labelmap.data).toEqual(kept.prediction.data);
    kept.model.dispose();
    kept.otherModel!.dispose();
    const plain = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, onPreview: () => undefined });
    expect(plain.otherModel).toBeUndefined();
    plain.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180000);

  test('supervised mode makes no preview: its one prediction is the final one, and it is the preview of a full run', async () => {
    const onPreview = jest.fn();
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, mode: 'supervised', onPreview });
    expect(onPreview).not.toHaveBeenCalled();
    expect(r.history.some((h) => h.phase === 'preview')).toBe(false);
    expect(r.seconds.firstPrediction).toBe(r.seconds.total);
    // What `ssldec segment --first-result` writes is the first result a full run shows, bit for bit.
    let preview: TrainPreview | undefined;
    const full = await trainSsldec(phantom.volume, phantom.scribbles, { ...fast, onPreview: (p) => (preview = p) });
    expect(full.history.some((h) => h.phase === 'ssldec')).toBe(true);
    expect(r.prediction.data).toEqual(preview!.prediction.data);
    expect(r.confidence).toEqual(preview!.confidence);
    r.model.dispose();
    full.model.dispose();
  }, 180000);
});
