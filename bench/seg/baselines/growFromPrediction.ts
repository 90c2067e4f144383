/**
 * A bench-only probe of an edge-snapping clean-up: a prediction's classes eroded by `radius` voxels (6-neighbourhood;
 * in-plane only on a single slice), the strokes added back as seeds of their own class, and every other voxel given
 * to the seed it is geodesically nearest (geodesicGrow: intensity change plus a small length term). The interior of
 * each predicted region stays; its boundary moves to the nearest intensity edge. Not in the product.
 */
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { geodesicGrow } from './geodesicGrow';

/** Labels kept only where every 6-neighbour (inside the grid) has the same label, `radius` times over. */
export function erodeLabels(labels: Uint8Array, [nx, ny, nz]: [number, number, number], radius: number): Uint8Array {
  let current = labels;
  for (let step = 0; step < radius; step++) {
    const out = new Uint8Array(current.length);
    const same = (i: number, j: number, k: number, l: number) =>
      i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz || current[i + nx * (j + ny * k)] === l;
    for (let k = 0, v = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, v++) {
          const l = current[v];
          if (l && same(i - 1, j, k, l) && same(i + 1, j, k, l) && same(i, j - 1, k, l) && same(i, j + 1, k, l) &&
            same(i, j, k - 1, l) && same(i, j, k + 1, l)) out[v] = l;
        }
      }
    }
    current = out;
  }
  return current;
}

/** The prediction's eroded interior plus the strokes, grown back along the image. */
export function growFromPrediction(volume: Volume, prediction: Labelmap, scribbles: Labelmap, radius: number): Labelmap {
  const seeds = erodeLabels(prediction.data as Uint8Array, prediction.dimensions, radius);
  const strokes = scribbles.data;
  for (let v = 0; v < strokes.length; v++) if (strokes[v]) seeds[v] = strokes[v];
  return geodesicGrow(volume, { ...scribbles, data: seeds });
}
