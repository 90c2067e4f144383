import { createClassifier, evaluateClassifier, predictClassifier, trainClassifier, type ImageSet } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { SeededRandom } from '../../../../src/ssldec/data/random';

/** 8x8 one-channel images of three classes: bright top half, bright bottom half, bright left half; noise sd 0.25. */
function makeImages(count: number, seed: number): ImageSet {
  const rng = new SeededRandom(seed);
  const images = new Float32Array(count * 64);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const c = n % 3;
    labels[n] = c;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
      const on = c === 0 ? y < 4 : c === 1 ? y >= 4 : x < 4;
      images[n * 64 + y * 8 + x] = (on ? 0.8 : 0.2) + 0.25 * (rng.next() + rng.next() - 1);
    }
  }
  return { images, labels, count };
}

describe('image classifier with the SSLDEC head', () => {
  test.each(['supervised', 'ssldec'] as const)('%s: 9 labelled + 90 unlabelled 8x8 images -> test error < 10 %%, no leaked tensors', async (mode) => {
    const before = tf.memory().numTensors;
    const model = createClassifier({ height: 8, width: 8, channels: 1, numClasses: 3, filters: [4, 8], dense: 16 }, 2);
    const labelled = makeImages(9, 1);
    const unlabelled = { ...makeImages(90, 2), labels: undefined };
    const result = await trainClassifier(model, {
      labelled, unlabelled, mode, supervisedSteps: 40, roundSteps: 10, maxRounds: 2, batchSize: 9, learningRate: 1e-2, seed: 3,
    });
    const test = makeImages(60, 4);
    const evaluation = await evaluateClassifier(model, test);
    console.log(`classifier ${mode}: test error ${(100 * evaluation.error).toFixed(1)} %, rounds ${result.rounds}`);
    expect(evaluation.error).toBeLessThan(0.1);
    if (mode === 'ssldec') expect(result.rounds).toBeGreaterThanOrEqual(1);
    else expect(result.rounds).toBe(0);
    const { confidence } = await predictClassifier(model, test);
    expect(confidence.every((c) => c > 1 / 3 && c <= 1)).toBe(true);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120000);
});
