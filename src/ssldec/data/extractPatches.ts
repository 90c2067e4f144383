/**
 * Copies patches out of volume channels, normalising them, into batch arrays in the network's layouts. Coordinates beyond
 * the volume are clamped to the nearest voxel (edge replication), identically in training and inference.
 * Volume layout: flat index i + j*columns + k*columns*rows (see src/volume/Volume.ts).
 */
import { voxelFeatureCount, type InputSpec } from './InputSpec';
import type { IntensityMap } from './normaliseIntensities';
import { sampleFeature, type ContextFeature } from './contextFeatures';
import { writeGeodesic, type GeodesicFeatures } from './geodesicFeatures';
import { writeIntensityBumps } from './intensityBumps';

/** Volume grid size [columns, rows, slices]. */
export type Dims = [number, number, number];

/** What patches are cut from: raw channels, their intensity maps, the grid, and context features. */
export interface VolumeSource {
  /** Image channels first (context features refer to them by index), then filter-bank features. */
  channels: Float32Array[];
  maps: IntensityMap[];
  dims: Dims;
  features: ContextFeature[];
  /** Maps of the context features' source channels (by ContextFeature.channel); default `maps`. */
  featureMaps?: IntensityMap[];
  /** Append each of the first `channels` channels (the derived image channels) read through `count` bumps, after the features. */
  bumps?: { channels: number; count: number };
  /** Append the voxel position (i, j, k mapped to -1..1; 0 for an axis set false) after the bumps. */
  position?: [boolean, boolean, boolean];
  /** Append the geodesic distance inputs (one per class) after the position. */
  geodesic?: GeodesicFeatures;
}

/** Where a patch sits: its corner voxel (i0, j0, k0) and size; for 2D kinds `k0` is the centre slice, `sk` = 1. */
export interface PatchBox {
  i0: number; j0: number; k0: number;
  si: number; sj: number; sk: number;
}

const clamp = (v: number, n: number) => (v < 0 ? 0 : v >= n ? n - 1 : v);

/** Floats one patch takes in the network input: si*sj*sk*Cin. */
export function patchInputLength(config: InputSpec, box: PatchBox): number {
  const stack = config.kind === '2.5d' ? config.sliceStack : 1;
  return box.si * box.sj * box.sk * voxelFeatureCount(config) * stack;
}

/** Channel `ch` of flat voxel v as the network reads it: through its intensity map (clipped for a window). */
export function readNormalised(src: VolumeSource, ch: number, v: number): number {
  const m = src.maps[ch];
  const x = (src.channels[ch][v] - m.offset) * m.scale;
  return m.clip ? (x < 0 ? 0 : x > 1 ? 1 : x) : x;
}

/**
 * Writes the inputs of the voxels (is[d], j, k) of one row, each F = voxelFeatureCount values at out[o + d·stride ...]:
 * the normalised channel values, the context features, the bumps, the position and the geodesic inputs. Field by
 * field along the row, so that each field's map and array are looked up once a row, not once a voxel.
 */
function writeRow(src: VolumeSource, is: Int32Array, j: number, k: number, out: Float32Array, o: number, stride: number): void {
  const [nx, ny, nz] = src.dims;
  const n = is.length;
  const row = j * nx + k * nx * ny;
  let f = o; // the field's offset in the first voxel
  for (let ch = 0; ch < src.channels.length; ch++, f++) {
    const { offset, scale, clip } = src.maps[ch];
    const values = src.channels[ch];
    for (let d = 0, at = f; d < n; d++, at += stride) {
      const x = (values[row + is[d]] - offset) * scale;
      out[at] = clip ? (x < 0 ? 0 : x > 1 ? 1 : x) : x;
    }
  }
  for (const feature of src.features) {
    const m = (src.featureMaps ?? src.maps)[feature.channel];
    for (let d = 0, at = f; d < n; d++, at += stride) out[at] = (sampleFeature(feature, is[d], j, k) - m.offset) * m.scale;
    f++;
  }
  // The bumps read the image channels' values just written, not the volume again.
  if (src.bumps) {
    for (let d = 0, first = o; d < n; d++, first += stride) {
      let at = f - o + first;
      for (let ch = 0; ch < src.bumps.channels; ch++) at = writeIntensityBumps(out[first + ch], src.bumps.count, out, at);
    }
    f += src.bumps.channels * src.bumps.count;
  }
  if (src.position) {
    const [pi, pj, pk] = src.position;
    const y = pj && ny > 1 ? (2 * j) / (ny - 1) - 1 : 0;
    const z = pk && nz > 1 ? (2 * k) / (nz - 1) - 1 : 0;
    for (let d = 0, at = f; d < n; d++, at += stride) {
      out[at] = pi && nx > 1 ? (2 * is[d]) / (nx - 1) - 1 : 0;
      out[at + 1] = y;
      out[at + 2] = z;
    }
    f += 3;
  }
  if (src.geodesic) for (let d = 0, at = f; d < n; d++, at += stride) writeGeodesic(src.geodesic, is[d], j, k, row + is[d], out, at);
}

/**
 * Writes the normalised network input of `box` at `out[offset...]`:
 * 2d/2.5d `[sj, si, stack*F]` (channel = s*F + f, slices k0-r..k0+r), 3d `[sk, sj, si, F]`, where F = image
 * channels, then their filter-bank features, their context features and their bumps (voxelFeatureCount).
 */
export function extractInput(config: InputSpec, src: VolumeSource, box: PatchBox, out: Float32Array, offset: number): void {
  const [nx, ny, nz] = src.dims;
  const stack = config.kind === '2.5d' ? config.sliceStack : 1;
  const r = (stack - 1) / 2;
  const F = voxelFeatureCount(config);
  const is = new Int32Array(box.si); // the row's columns, clamped (a labelled step calls this for 1×1 boxes)
  for (let di = 0; di < box.si; di++) is[di] = clamp(box.i0 + di, nx);
  const rowLength = box.si * F * stack;
  if (config.kind === '3d') {
    for (let dk = 0; dk < box.sk; dk++) {
      const k = clamp(box.k0 + dk, nz);
      for (let dj = 0; dj < box.sj; dj++) writeRow(src, is, clamp(box.j0 + dj, ny), k, out, offset + (dk * box.sj + dj) * rowLength, F);
    }
    return;
  }
  for (let dj = 0; dj < box.sj; dj++) {
    const j = clamp(box.j0 + dj, ny);
    for (let s = 0; s < stack; s++) writeRow(src, is, j, clamp(box.k0 - r + s, nz), out, offset + dj * rowLength + s * F, stack * F);
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
