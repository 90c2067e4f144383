/**
 * Loads the benchmark brain (shared/data/brain-t1-freesurfer: FreeSurfer norm T1 + its 3-tissue labels, 256^3,
 * 1 mm) and crops both to the brain's bounding box, because a full 256^3 volume is mostly empty background and
 * slow to train and predict on a CPU.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNifti, readNiftiLabelmap } from '../../src/io/readNifti';
import type { Geometry, Labelmap, Volume } from '../../src/volume/Volume';
import { sharedDataDir } from '../lib/repoRoot';

/** Index box [start, end) along i, j, k. */
export interface Box {
  start: [number, number, number];
  end: [number, number, number];
}

/** The cropped image and truth (0 bg, 1 CSF, 2 GM, 3 WM), plus where the crop sits in the original grid. */
export interface BrainData {
  volume: Volume;
  truth: Labelmap;
  box: Box;
  originalDimensions: [number, number, number];
  files: { image: string; labels: string };
}

/** Truth values and names of the benchmark labels (tissue3_derived.nii.gz). */
export const TISSUE_NAMES: Record<number, string> = { 1: 'CSF', 2: 'GM', 3: 'WM' };

/** Bounding box of voxels where the image or the truth is non-zero, grown by `margin` voxels, clipped to the grid. */
export function brainBox(volume: Volume, truth: Labelmap, margin: number): Box {
  const [nx, ny, nz] = volume.dimensions;
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [-1, -1, -1];
  const image = volume.channels[0];
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        if (image[v] === 0 && truth.data[v] === 0) continue;
        if (i < lo[0]) lo[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (i > hi[0]) hi[0] = i;
        if (j > hi[1]) hi[1] = j;
        if (k > hi[2]) hi[2] = k;
      }
    }
  }
  if (hi[0] < 0) throw new Error('Brain box: image and truth are all zero; expected a skull-stripped brain');
  const dims = [nx, ny, nz];
  return {
    start: lo.map((x) => Math.max(0, x - margin)) as [number, number, number],
    end: hi.map((x, a) => Math.min(dims[a], x + 1 + margin)) as [number, number, number],
  };
}

/** Geometry of a sub-box: same spacing and axes, origin moved to the box's first voxel. */
function cropGeometry(g: Geometry, box: Box): Geometry {
  const d = g.direction;
  const [i0, j0, k0] = box.start;
  const origin = [0, 1, 2].map(
    (a) => g.origin[a] + i0 * g.spacing[0] * d[a] + j0 * g.spacing[1] * d[3 + a] + k0 * g.spacing[2] * d[6 + a],
  ) as [number, number, number];
  const dimensions = [0, 1, 2].map((a) => box.end[a] - box.start[a]) as [number, number, number];
  return { dimensions, spacing: [...g.spacing], origin, direction: [...g.direction] };
}

/** Copy the voxels of `box` out of a flat array of a grid of `dims`. */
export function cropArray<T extends Float32Array | Uint8Array>(source: T, dims: [number, number, number], box: Box, target: T): T {
  const [nx, ny] = dims;
  const [i0, j0, k0] = box.start;
  const [i1, j1, k1] = box.end;
  let o = 0;
  for (let k = k0; k < k1; k++) {
    for (let j = j0; j < j1; j++) {
      const row = i0 + j * nx + k * nx * ny;
      target.set(source.subarray(row, row + (i1 - i0)), o);
      o += i1 - i0;
    }
  }
  return target;
}

/**
 * Read and crop. `maxSlices` (optional) keeps only that many central slices of the box along k, to bound CPU time;
 * `margin` pads the box (voxels).
 */
export function loadBrain(options: { margin?: number; maxSlices?: number } = {}): BrainData {
  const dir = join(sharedDataDir(), 'brain-t1-freesurfer');
  const files = { image: join(dir, 'norm_T1.nii.gz'), labels: join(dir, 'tissue3_derived.nii.gz') };
  for (const file of Object.values(files)) {
    if (!existsSync(file)) {
      throw new Error(`Benchmark data missing: ${file}. Expected the shared brain-t1-freesurfer folder beside the checkout; set SSLDEC_SHARED_DATA to the shared data folder.`);
    }
  }
  const full = readNifti(readFileSync(files.image));
  const fullTruth = readNiftiLabelmap(readFileSync(files.labels));
  if (fullTruth.dimensions.join() !== full.dimensions.join()) {
    throw new Error(`Image ${full.dimensions.join('x')} and labels ${fullTruth.dimensions.join('x')} differ in size`);
  }
  const box = brainBox(full, fullTruth, options.margin ?? 4);
  if (options.maxSlices !== undefined && box.end[2] - box.start[2] > options.maxSlices) {
    const centre = Math.floor((box.start[2] + box.end[2]) / 2);
    box.start[2] = centre - Math.floor(options.maxSlices / 2);
    box.end[2] = box.start[2] + options.maxSlices;
  }
  const geometry = cropGeometry(full, box);
  const n = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
  const volume: Volume = {
    ...geometry,
    channels: full.channels.map((c) => cropArray(c, full.dimensions, box, new Float32Array(n))),
    channelNames: ['T1'],
  };
  const truth: Labelmap = { ...geometry, data: cropArray(fullTruth.data, full.dimensions, box, new Uint8Array(n)) };
  return { volume, truth, box, originalDimensions: full.dimensions, files };
}
