/**
 * The semi-supervised MNIST split: `labelsCount` labelled training images, class-balanced (labelsCount/10 per
 * digit, as in the paper's protocol), drawn with a seed; the other training images are the unlabelled set.
 */
import type { ImageSet } from './classifier';
import { seededRandom } from '../lib/random';
import type { MnistSplit } from './mnistData';

const PIXELS = 28 * 28;

/** Copy images `indices` of `source` into a new set (with labels when `withLabels`). */
export function subset(source: MnistSplit, indices: number[], withLabels: boolean): ImageSet {
  const images = new Float32Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((i, n) => {
    images.set(source.images.subarray(i * PIXELS, (i + 1) * PIXELS), n * PIXELS);
    labels[n] = source.labels[i];
  });
  return withLabels ? { images, labels, count: indices.length } : { images, count: indices.length };
}

/**
 * Split the training set. `unlabelledCount` caps the unlabelled set (default: all the rest); the labels of the
 * unlabelled images are never passed to training. Throws when a digit has fewer images than its share.
 */
export function splitLabelled(train: MnistSplit, labelsCount: number, seed: number, unlabelledCount?: number): { labelled: ImageSet; unlabelled: ImageSet } {
  if (labelsCount % 10 !== 0) throw new Error(`--labels must be a multiple of 10 (class-balanced), got ${labelsCount}`);
  const random = seededRandom(seed);
  const order = Array.from({ length: train.count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const perClass = labelsCount / 10;
  const taken = new Array<number>(10).fill(0);
  const labelledIdx: number[] = [];
  const rest: number[] = [];
  for (const i of order) {
    const digit = train.labels[i];
    if (taken[digit] < perClass) {
      taken[digit]++;
      labelledIdx.push(i);
    } else rest.push(i);
  }
  if (labelledIdx.length !== labelsCount) throw new Error(`Could only draw ${labelledIdx.length} balanced labels of ${labelsCount}`);
  const unlabelledIdx = unlabelledCount === undefined ? rest : rest.slice(0, unlabelledCount);
  return { labelled: subset(train, labelledIdx, true), unlabelled: subset(train, unlabelledIdx, false) };
}
