import type { Labelmap, Volume } from '../../../../src/volume/Volume';

/**
 * A small two-class volume: class 1 (value ~100) in the left half of i, class 2 (~300) in the right half, plus
 * deterministic noise. Scribbles: a short line of each class on the middle slice.
 */
export function twoClassPhantom(columns = 16, rows = 16, slices = 3): { volume: Volume; scribbles: Labelmap; truth: Uint8Array } {
  const geometry = {
    dimensions: [columns, rows, slices] as [number, number, number],
    spacing: [1, 1, 2] as [number, number, number],
    origin: [0, 0, 0] as [number, number, number],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as [number, number, number, number, number, number, number, number, number],
  };
  const n = columns * rows * slices;
  const image = new Float32Array(n);
  const truth = new Uint8Array(n);
  const scribbles = new Uint8Array(n);
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 40;
  for (let k = 0; k < slices; k++)
    for (let j = 0; j < rows; j++)
      for (let i = 0; i < columns; i++) {
        const idx = i + j * columns + k * columns * rows;
        truth[idx] = i < columns / 2 ? 1 : 2;
        image[idx] = (truth[idx] === 1 ? 100 : 300) + noise();
      }
  const k = Math.floor(slices / 2);
  for (let j = 3; j < rows - 3; j++) {
    scribbles[2 + j * columns + k * columns * rows] = 1;
    scribbles[columns - 3 + j * columns + k * columns * rows] = 2;
  }
  return { volume: { ...geometry, channels: [image] }, scribbles: { ...geometry, data: scribbles }, truth };
}

/** Share of voxels where `a` equals `b`. */
export function agreement(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
