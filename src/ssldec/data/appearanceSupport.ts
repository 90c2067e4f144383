/**
 * What each class's strokes look like, for the appearance prior of a prediction (infer/appearancePrior.ts): up to
 * SAMPLES_PER_CLASS scribbled voxels per class, read as the network reads them (image channels and their
 * filter-bank features, normalised), and the class's spread h_c: the median, over those samples, of the distance to
 * the nearest sample of ANOTHER stroke of the class (leave one stroke out, as the geodesic inputs do). h_c is how
 * far apart two strokes of the class look; a voxel further than that from every sample of the class looks unlike
 * anything its strokes showed.
 */
import { readNormalised, type Dims, type VolumeSource } from './extractPatches';
import { labelStrokes, splitLoneStrokes } from './geodesicFeatures';

/** Samples kept per class: enough to cover a class's strokes, few enough that every voxel can be compared with all. */
export const SAMPLES_PER_CLASS = 64;
/** Smallest spread (normalised units): a class drawn on perfectly flat tissue still tolerates a little noise. */
const MIN_SPREAD = 0.02;

export interface AppearanceSupport {
  /** Values per sample (F): the source's image channels and their filter-bank features. */
  features: number;
  /** Samples per class (M); a class with fewer scribbled voxels repeats them (a repeat changes no nearest distance). */
  samplesPerClass: number;
  /** [K, M, F] row-major; the rows of a class without a spread are not used. */
  samples: Float32Array;
  /** h_c per class; 0 where it cannot be measured (the class's samples come from a single stroke, or none). */
  spread: Float32Array;
}

/** Per class: samples of its strokes and their leave-one-stroke-out spread. `scribbles` holds labels 0..K. */
export function appearanceSupport(src: VolumeSource, scribbles: Uint8Array, numClasses: number): AppearanceSupport {
  const F = src.channels.length;
  const M = SAMPLES_PER_CLASS;
  const dims: Dims = src.dims;
  const strokeOf = splitLoneStrokes(labelStrokes(scribbles, dims), scribbles, dims);
  const voxels: number[][] = Array.from({ length: numClasses }, () => []);
  for (let v = 0; v < scribbles.length; v++) if (scribbles[v] > 0 && scribbles[v] <= numClasses) voxels[scribbles[v] - 1].push(v);
  const samples = new Float32Array(numClasses * M * F);
  const spread = new Float32Array(numClasses);
  for (let c = 0; c < numClasses; c++) {
    const all = voxels[c];
    if (all.length === 0) continue;
    // An even stride over the class's voxels in index order: every stroke keeps its share.
    const picked = Array.from({ length: Math.min(M, all.length) }, (_, s) => all[Math.floor((s * all.length) / Math.min(M, all.length))]);
    const base = c * M * F;
    picked.forEach((v, s) => {
      for (let f = 0; f < F; f++) samples[base + s * F + f] = readNormalised(src, f, v);
    });
    const stroke = picked.map((v) => strokeOf.get(v) ?? 0);
    const nearest: number[] = [];
    for (let s = 0; s < picked.length; s++) {
      let best = Infinity;
      for (let t = 0; t < picked.length; t++) {
        if (stroke[t] === stroke[s]) continue;
        let d = 0;
        for (let f = 0; f < F; f++) {
          const e = samples[base + s * F + f] - samples[base + t * F + f];
          d += e * e;
        }
        if (d < best) best = d;
      }
      if (best < Infinity) nearest.push(Math.sqrt(best));
    }
    if (nearest.length === 0) continue;
    nearest.sort((a, b) => a - b);
    spread[c] = Math.max(nearest[Math.floor(nearest.length / 2)], MIN_SPREAD);
    // Fill the class's remaining rows with repeats of its samples.
    for (let s = picked.length; s < M; s++) samples.copyWithin(base + s * F, base + (s % picked.length) * F, base + ((s % picked.length) + 1) * F);
  }
  return { features: F, samplesPerClass: M, samples, spread };
}
