/**
 * Copies patches out of volume channels, normalising them, into batch arrays in the network's layouts. Coordinates beyond
 * the volume are clamped to the nearest voxel (edge replication), identically in training and inference.
 * Volume layout: flat index i + j*columns + k*columns*rows (see src/volume/Volume.ts).
 */
import type { ModelConfig } from '../model/ModelConfig';
import type { IntensityMap } from './normaliseIntensities';

/** Volume grid size [columns, rows, slices]. */
export type Dims = [number, number, number];

/** Where a patch sits: its corner voxel (i0, j0, k0) and size; for 2D kinds `k0` is the centre slice, `sk` = 1. */
export interface PatchBox {
  i0: number; j0: number; k0: number;
  si: number; sj: number; sk: number;
}

const clamp = (v: number, n: number) => (v < 0 ? 0 : v >= n ? n - 1 : v);

/** Floats one patch takes in the network input: si*sj*sk*Cin. */
export function patchInputLength(config: ModelConfig, box: PatchBox): number {
  const stack = config.kind === '2.5d' ? config.sliceStack : 1;
  return box.si * box.sj * box.sk * config.inputChannels * stack;
}

/**
 * Writes the normalised network input of `box` at `out[offset...]`:
 * 2d/2.5d `[sj, si, stack*C]` (channel = s*C + c, slices k0-r..k0+r), 3d `[sk, sj, si, C]`.
 */
export function extractInput(config: ModelConfig, channels: Float32Array[], maps: IntensityMap[], dims: Dims,
  box: PatchBox, out: Float32Array, offset: number): void {
  const [nx, ny, nz] = dims;
  const c = channels.length;
  const stack = config.kind === '2.5d' ? config.sliceStack : 1;
  const r = (stack - 1) / 2;
  let o = offset;
  if (config.kind === '3d') {
    for (let dk = 0; dk < box.sk; dk++) {
      const k = clamp(box.k0 + dk, nz);
      for (let dj = 0; dj < box.sj; dj++) {
        const row = clamp(box.j0 + dj, ny) * nx + k * nx * ny;
        for (let di = 0; di < box.si; di++) {
          const idx = row + clamp(box.i0 + di, nx);
          for (let ch = 0; ch < c; ch++) out[o++] = (channels[ch][idx] - maps[ch].offset) * maps[ch].scale;
        }
      }
    }
    return;
  }
  const sliceBases = Array.from({ length: stack }, (_, s) => clamp(box.k0 - r + s, nz) * nx * ny);
  for (let dj = 0; dj < box.sj; dj++) {
    const row = clamp(box.j0 + dj, ny) * nx;
    for (let di = 0; di < box.si; di++) {
      const col = row + clamp(box.i0 + di, nx);
      for (let s = 0; s < stack; s++) {
        const idx = sliceBases[s] + col;
        for (let ch = 0; ch < c; ch++) out[o++] = (channels[ch][idx] - maps[ch].offset) * maps[ch].scale;
      }
    }
  }
}

/**
 * Writes the labels of `box` (class index 0..K-1, or -1 for unlabelled / outside the volume) at `out[offset...]`,
 * layout `[sk, sj, si]`. Labelmap values 1..K map to indices 0..K-1.
 */
export function extractLabels(labels: Uint8Array, dims: Dims, box: PatchBox, out: Int32Array, offset: number): void {
  const [nx, ny, nz] = dims;
  let o = offset;
  for (let dk = 0; dk < box.sk; dk++) {
    const k = box.k0 + dk;
    for (let dj = 0; dj < box.sj; dj++) {
      const j = box.j0 + dj;
      for (let di = 0; di < box.si; di++) {
        const i = box.i0 + di;
        const inside = i >= 0 && i < nx && j >= 0 && j < ny && k >= 0 && k < nz;
        out[o++] = inside ? labels[i + j * nx + k * nx * ny] - 1 : -1;
      }
    }
  }
}
