/**
 * How strongly the image changes across a labelmap's class boundaries: the mean, over the 6-neighbour voxel pairs
 * whose labels differ, of the image step between the two voxels (each channel scaled by its 0.5–99.5 % range, the
 * Euclidean norm over channels). Of two results of one run, the one whose boundaries lie on the stronger steps follows
 * the image's edges more closely; trainSsldec keeps the first result over the refined one by it (TrainConfig.boundaryCheck).
 * Only a comparison between labelmaps of one volume means anything: the figure has no unit of its own.
 */
import type { Volume } from '../../volume/Volume';
import { percentiles } from '../data/normaliseIntensities';

/** Per channel, 1 / (its 99.5th − its 0.5th percentile): the scale that makes steps of different channels comparable. */
export function channelScales(volume: Pick<Volume, 'channels'>): number[] {
  return volume.channels.map((values) => {
    const [low, high] = percentiles(values, 0.5, 99.5);
    return 1 / Math.max(high - low, 1e-6);
  });
}

/** The mean scaled image step across the boundaries of `labels` (0 when it has no boundary). */
export function boundaryStep(volume: Pick<Volume, 'channels' | 'dimensions'>, scales: number[], labels: Uint8Array): number {
  const [nx, ny, nz] = volume.dimensions;
  const channels = volume.channels;
  let sum = 0;
  let pairs = 0;
  const add = (v: number, w: number) => {
    let d2 = 0;
    for (let c = 0; c < channels.length; c++) {
      const d = (channels[c][w] - channels[c][v]) * scales[c];
      d2 += d * d;
    }
    sum += Math.sqrt(d2);
    pairs++;
  };
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        const v = row + i;
        const label = labels[v];
        if (i + 1 < nx && labels[v + 1] !== label) add(v, v + 1);
        if (j + 1 < ny && labels[v + nx] !== label) add(v, v + nx);
        if (k + 1 < nz && labels[v + nx * ny] !== label) add(v, v + nx * ny);
      }
    }
  }
  return pairs ? sum / pairs : 0;
}

/** The mean scaled image steps across the class boundaries of a run's first and refined results, for one volume. */
export function boundarySteps(volume: Pick<Volume, 'channels' | 'dimensions'>, first: Uint8Array, refined: Uint8Array): { first: number; refined: number } {
  const scales = channelScales(volume);
  return { first: boundaryStep(volume, scales, first), refined: boundaryStep(volume, scales, refined) };
}
