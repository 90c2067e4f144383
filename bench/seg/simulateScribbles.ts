/**
 * Simulated clinician scribbles from a true labelmap: on N slices (along k), M short strokes per class, each a
 * smooth random polyline a few pixels wide that stays inside the class after erosion (so no stroke touches a
 * boundary, as a careful user draws). Deterministic from the seed.
 *
 * Background is scribbled as its own class: truth value 0 is written as `backgroundValue` (default 4), so a
 * 3-tissue truth (1 CSF, 2 GM, 3 WM) becomes 4 scribble classes; predictions of `backgroundValue` map back to 0
 * before scoring. The method doc's reference run also trained background as a class.
 */
import type { Labelmap } from '../../src/volume/Volume';
import { gaussian, seededRandom } from '../lib/random';

/** How to draw. Lengths in pixels of the slice grid. */
export interface ScribbleOptions {
  /** Number of slices (k indices) that get strokes. */
  slices: number;
  /** Strokes per class per slice. */
  strokesPerClass: number;
  seed: number;
  /** Truth values to scribble (default [0, 1, 2, 3]: background and the three tissues). */
  truthClasses?: number[];
  /** Scribble value written for truth 0 (default 4). */
  backgroundValue?: number;
  /** Brush radius in pixels (default 1: strokes 3 px wide). */
  brushRadius?: number;
  /** Centre-line length range in pixels (default [8, 16]). */
  strokeLength?: [number, number];
}

/** The scribbles and what they cover. */
export interface SimulatedScribbles {
  /** 0 = unlabelled, else the scribble class (truth value, or `backgroundValue` for background). */
  scribbles: Labelmap;
  /** k indices of the scribbled slices, ascending. */
  slices: number[];
  /** Scribbled voxels per scribble class value. */
  voxelsPerClass: Record<number, number>;
  /** Strokes actually drawn per scribble class value (a class absent from a slice gets none there). */
  strokesPerClass: Record<number, number>;
  labelledVoxels: number;
  /** labelledVoxels / voxels of the labelmap's grid. */
  labelledShare: number;
}

/** Pixel offsets of a disc of the given radius. */
function discOffsets(radius: number): Array<[number, number]> {
  const offsets: Array<[number, number]> = [];
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) if (dx * dx + dy * dy <= radius * radius + 0.5) offsets.push([dx, dy]);
  }
  return offsets;
}

/** Binary erosion of a slice mask by a disc: a pixel stays when its whole disc lies inside the mask and the slice. */
function erode(mask: Uint8Array, columns: number, rows: number, radius: number): Uint8Array {
  const offsets = discOffsets(radius);
  const out = new Uint8Array(mask.length);
  for (let y = radius; y < rows - radius; y++) {
    for (let x = radius; x < columns - radius; x++) {
      if (!mask[x + y * columns]) continue;
      out[x + y * columns] = offsets.every(([dx, dy]) => mask[x + dx + (y + dy) * columns]) ? 1 : 0;
    }
  }
  return out;
}

/**
 * Slices to scribble: evenly spread over the central 80 % of the slices that contain tissue, each jittered by up
 * to a quarter of the spacing (seeded), as a user picks a few representative slices.
 */
function chooseSlices(truth: Labelmap, count: number, random: () => number): number[] {
  const [columns, rows, depth] = truth.dimensions;
  const perSlice = columns * rows;
  const withTissue: number[] = [];
  for (let k = 0; k < depth; k++) {
    const slice = truth.data.subarray(k * perSlice, (k + 1) * perSlice);
    if (slice.some((v) => v !== 0)) withTissue.push(k);
  }
  if (withTissue.length === 0) throw new Error('Cannot simulate scribbles: the truth labelmap has no non-zero voxel');
  const first = withTissue[0];
  const span = withTissue[withTissue.length - 1] - first;
  const spacing = (0.8 * span) / count;
  const chosen = new Set<number>();
  for (let n = 0; n < count; n++) {
    const centre = first + 0.1 * span + spacing * (n + 0.5);
    const jitter = (random() * 2 - 1) * spacing * 0.25;
    let k = Math.round(centre + jitter);
    while (chosen.has(k)) k++;
    chosen.add(Math.min(depth - 1, Math.max(0, k)));
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Simulate scribbles on `truth` (values 0..K). The input is not modified. */
export function simulateScribbles(truth: Labelmap, options: ScribbleOptions): SimulatedScribbles {
  const truthClasses = options.truthClasses ?? [0, 1, 2, 3];
  const backgroundValue = options.backgroundValue ?? 4;
  const brush = options.brushRadius ?? 1;
  const [minLength, maxLength] = options.strokeLength ?? [8, 16];
  const random = seededRandom(options.seed);
  const [columns, rows] = truth.dimensions;
  const perSlice = columns * rows;
  const data = new Uint8Array(truth.data.length);
  const brushOffsets = discOffsets(brush);
  const voxelsPerClass: Record<number, number> = {};
  const strokesPerClass: Record<number, number> = {};
  const slices = chooseSlices(truth, options.slices, random);

  for (const k of slices) {
    const truthSlice = truth.data.subarray(k * perSlice, (k + 1) * perSlice);
    const out = data.subarray(k * perSlice, (k + 1) * perSlice);
    for (const truthValue of truthClasses) {
      const value = truthValue === 0 ? backgroundValue : truthValue;
      voxelsPerClass[value] ??= 0;
      strokesPerClass[value] ??= 0;
      const mask = new Uint8Array(perSlice);
      for (let p = 0; p < perSlice; p++) mask[p] = truthSlice[p] === truthValue ? 1 : 0;
      // Erode by brush + 1 so the painted disc stays a pixel away from the class boundary.
      const inside = erode(mask, columns, rows, brush + 1);
      const candidates: number[] = [];
      for (let p = 0; p < perSlice; p++) if (inside[p]) candidates.push(p);
      if (candidates.length === 0) continue;
      for (let s = 0; s < options.strokesPerClass; s++) {
        const start = candidates[Math.floor(random() * candidates.length)];
        let x = start % columns;
        let y = Math.floor(start / columns);
        let angle = random() * 2 * Math.PI;
        const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
        const paint = (cx: number, cy: number) => {
          for (const [dx, dy] of brushOffsets) {
            const p = cx + dx + (cy + dy) * columns;
            if (out[p] !== value) {
              out[p] = value;
              voxelsPerClass[value]++;
            }
          }
        };
        paint(x, y);
        for (let step = 1; step < length; step++) {
          angle += 0.35 * gaussian(random);
          let moved = false;
          // Turn away from the boundary rather than cross it; give up after a few tries (stroke ends).
          for (let attempt = 0; attempt < 6 && !moved; attempt++) {
            const a = angle + (attempt === 0 ? 0 : (random() - 0.5) * Math.PI * (1 + attempt / 2));
            const nx = Math.round(x + Math.cos(a));
            const ny = Math.round(y + Math.sin(a));
            if (nx >= 0 && ny >= 0 && nx < columns && ny < rows && inside[nx + ny * columns]) {
              x = nx;
              y = ny;
              angle = a;
              moved = true;
            }
          }
          if (!moved) break;
          paint(x, y);
        }
        strokesPerClass[value]++;
      }
    }
  }
  const labelledVoxels = Object.values(voxelsPerClass).reduce((a, b) => a + b, 0);
  const { data: _truthData, ...geometry } = truth;
  return {
    scribbles: { ...geometry, data },
    slices,
    voxelsPerClass,
    strokesPerClass,
    labelledVoxels,
    labelledShare: labelledVoxels / data.length,
  };
}
