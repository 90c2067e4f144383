/**
 * The geodesic prior of a prediction: a voxel far, along the image, from the strokes of every object class belongs
 * to the background. The network's q_j is multiplied by exp(−λ·d_j) for each class that is not background (d_j the
 * geodesic distance to class j's strokes, data/geodesicFeatures.ts, in the units of its step cost: crossing an edge
 * over the whole contrast range costs 1) and renormalised; background classes keep q. The distance is not divided
 * by the volume's scale s as the network's inputs are: s, the median distance to the nearest stroke, grows with the
 * unscribbled volume (strokes on one slice of a whole head: s 1.44 against 0.75–0.84 with three slices of a brain
 * crop), and the prior would weaken just where most of the volume is far from every stroke. A per-voxel network trained on strokes
 * that sample the background only in places (air around a body) calls every tissue of an object's intensity that
 * object (body-wall muscle "liver"); the strokes' geodesic reach is what tells them apart.
 * Off when no class is background: then nothing is a catch-all to give far voxels to.
 */
import { writeGeodesicDistances, type GeodesicFeatures } from '../data/geodesicFeatures';
import type { ClassInfo } from '../types';
import { namesBackground } from '../../volume/backgroundName';

/** A class is background when it says so, or when its name says so (volume/backgroundName.ts, as SEG export reads it). */
export function isBackgroundClass(c: ClassInfo): boolean {
  return c.background ?? namesBackground(c.name);
}

/** Multiplies a voxel's q (K values, in place) by the prior at fine voxel (i, j, k), flat index v, and renormalises. */
export type ApplyPrior = (q: Float64Array, i: number, j: number, k: number, v: number) => void;

/** The prior for these classes at weight λ, or undefined when it is off (λ 0, no background or no object class). */
export function geodesicPrior(classes: ClassInfo[], lambda: number, features: GeodesicFeatures): ApplyPrior | undefined {
  if (!(lambda > 0) || !geodesicPriorApplies(classes)) return undefined;
  // The plain measure, where the inputs add a class barrier (data/geodesicFeatures.ts).
  const geodesic = features.forPrior ?? features;
  // The distances come in units of the scale s.
  const weights = classes.map((c) => (isBackgroundClass(c) ? 0 : lambda * geodesic.scale));
  const distance = new Float64Array(classes.length);
  return (q, i, j, k, v) => {
    writeGeodesicDistances(geodesic, i, j, k, v, distance, 0);
    let sum = 0;
    for (let c = 0; c < q.length; c++) sum += q[c] *= Math.exp(-weights[c] * distance[c]);
    for (let c = 0; c < q.length; c++) q[c] = sum > 0 ? q[c] / sum : 1 / q.length;
  };
}

/** Whether the prior applies to these classes (one background class and one object class at least). */
export function geodesicPriorApplies(classes: ClassInfo[]): boolean {
  return classes.some(isBackgroundClass) && !classes.every(isBackgroundClass);
}
