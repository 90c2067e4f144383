/**
 * Lower in-plane resolution by an integer factor (the panel's "Train at lower resolution" for volumes too large for
 * the device): block-average the image, keep the most frequent scribbled class per block, and bring the prediction
 * back to the source grid by nearest neighbour. Slices are kept. Geometry follows Volume.ts (i, j in-plane; LPS mm).
 */
import type { Geometry, Labelmap, Volume } from './Volume';

/** The grid of `g` with i and j reduced by `factor` (block centres: origin moves by (factor-1)/2 voxels). */
export function reducedGeometry(g: Geometry, factor: number): Geometry {
  const [c, r, s] = g.dimensions;
  const d = g.direction;
  const shift = (factor - 1) / 2;
  const origin: [number, number, number] = [0, 1, 2].map(
    (a) => g.origin[a] + shift * g.spacing[0] * d[a] + shift * g.spacing[1] * d[3 + a],
  ) as [number, number, number];
  return { dimensions: [Math.ceil(c / factor), Math.ceil(r / factor), s], spacing: [g.spacing[0] * factor, g.spacing[1] * factor, g.spacing[2]], origin, direction: g.direction };
}

/** Block mean of each channel (edge blocks average the voxels they have). */
export function downsampleVolume(v: Volume, factor: number): Volume {
  const g = reducedGeometry(v, factor);
  const [c, r, s] = v.dimensions;
  const [c2, r2] = g.dimensions;
  const channels = v.channels.map((src) => {
    const sum = new Float32Array(c2 * r2 * s);
    const count = new Uint16Array(c2 * r2 * s);
    for (let k = 0; k < s; k++)
      for (let j = 0; j < r; j++)
        for (let i = 0; i < c; i++) {
          const t = Math.floor(i / factor) + Math.floor(j / factor) * c2 + k * c2 * r2;
          sum[t] += src[i + j * c + k * c * r];
          count[t]++;
        }
    for (let t = 0; t < sum.length; t++) sum[t] /= count[t];
    return sum;
  });
  return { ...g, channels, channelNames: v.channelNames };
}

/** Most frequent non-zero label per block (ties: the smaller value); 0 where the block has no scribble. */
export function downsampleLabels(l: Labelmap, factor: number): Labelmap {
  const g = reducedGeometry(l, factor);
  const [c, r, s] = l.dimensions;
  const [c2, r2] = g.dimensions;
  const data = new Uint8Array(c2 * r2 * s);
  const counts = new Map<number, number>();
  for (let k = 0; k < s; k++)
    for (let j2 = 0; j2 < r2; j2++)
      for (let i2 = 0; i2 < c2; i2++) {
        counts.clear();
        for (let j = j2 * factor; j < Math.min(r, (j2 + 1) * factor); j++)
          for (let i = i2 * factor; i < Math.min(c, (i2 + 1) * factor); i++) {
            const v = l.data[i + j * c + k * c * r];
            if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
          }
        let best = 0;
        let bestCount = 0;
        for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v < best)) [best, bestCount] = [v, n];
        data[i2 + j2 * c2 + k * c2 * r2] = best;
      }
  return { ...g, data };
}

/** Nearest-neighbour copy of a reduced array back onto `target`'s grid. */
export function upsampleNearest<T extends Uint8Array | Float32Array>(src: T, reduced: Geometry, target: Geometry, factor: number): T {
  const [c, r, s] = target.dimensions;
  const [c2, r2] = reduced.dimensions;
  const out = new (src.constructor as { new (n: number): T })(c * r * s);
  for (let k = 0; k < s; k++)
    for (let j = 0; j < r; j++)
      for (let i = 0; i < c; i++) out[i + j * c + k * c * r] = src[Math.floor(i / factor) + Math.floor(j / factor) * c2 + k * c2 * r2];
  return out;
}
