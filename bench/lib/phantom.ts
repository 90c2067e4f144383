/**
 * A deterministic synthetic brain-like volume for speed runs (content does not matter for throughput, size does):
 * nested ellipsoids 1 (inner, dark), 3 (middle, bright), 2 (outer shell, mid) on background 0, plus noise.
 */
import type { Labelmap, Volume } from '../../src/volume/Volume';
import { gaussian, seededRandom } from './random';

/** The phantom image (one channel, values ~0..100) and its truth (0..3), 1 mm isotropic, axis-aligned. */
export function makePhantom(dimensions: [number, number, number], seed = 1): { volume: Volume; truth: Labelmap } {
  const [nx, ny, nz] = dimensions;
  const random = seededRandom(seed);
  const image = new Float32Array(nx * ny * nz);
  const truth = new Uint8Array(nx * ny * nz);
  const mean = [0, 30, 65, 95];
  // A thin slab is the centre of a deeper phantom, so it still holds every class (a constant volume is invalid input).
  const depth = Math.max(nz, 32);
  const kOffset = (depth - nz) / 2;
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        const r = Math.hypot((i - nx / 2) / (nx * 0.42), (j - ny / 2) / (ny * 0.42), (k + kOffset - depth / 2) / (depth * 0.45));
        const label = r < 0.25 ? 1 : r < 0.7 ? 3 : r < 1 ? 2 : 0;
        truth[v] = label;
        image[v] = label === 0 ? 0 : mean[label] + 6 * gaussian(random);
      }
    }
  }
  const geometry = {
    dimensions,
    spacing: [1, 1, 1] as [number, number, number],
    origin: [0, 0, 0] as [number, number, number],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Volume['direction'],
  };
  return { volume: { ...geometry, channels: [image] }, truth: { ...geometry, data: truth } };
}
