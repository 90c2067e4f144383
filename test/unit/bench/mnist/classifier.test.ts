import { createClassifier, evaluateClassifier, predictClassifier, trainClassifier, type ImageSet } from '../../../../bench/mnist/classifier';
import { tf } from '../../../../src/ssldec/backend/tf';
import type { TargetPrior } from '../../../../src/ssldec';
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

describe('target priors', () => {
  it("'tempered' trains differently from 'balanced' and from 'initial' (same seed, same data)", async () => {
    // Imbalanced unlabelled set (two thirds class 0), so the three priors give three different targets p.
    const labelled = makeImages(9, 1);
    const unlabelled = { ...makeImages(60, 2), labels: undefined };
    const zeros = makeImages(60, 5);
    const skewed: ImageSet = { images: new Float32Array([...unlabelled.images, ...zeros.images.filter((_, i) => zeros.labels![Math.floor(i / 64)] === 0)]), count: 0 };
    skewed.count = skewed.images.length / 64;
    const roundLosses = async (targetPrior: TargetPrior) => {
      const model = createClassifier({ height: 8, width: 8, channels: 1, numClasses: 3, filters: [4, 8], dense: 16 }, 2);
      const result = await trainClassifier(model, {
        labelled, unlabelled: skewed, supervisedSteps: 20, roundSteps: 4, maxRounds: 1, batchSize: 9, learningRate: 1e-2, seed: 3, targetPrior,
      });
      model.dispose();
      return result.history.filter((e) => e.phase === 'ssldec' && e.step % 2 === 1).map((e) => e.loss);
    };
    const [balanced, tempered, initial] = [await roundLosses('balanced'), await roundLosses('tempered'), await roundLosses('initial')];
    expect(tempered).toHaveLength(2);
    expect(tempered).not.toEqual(balanced);
    expect(tempered).not.toEqual(initial);
  }, 60000);
});
