/**
 * Simulated clinician scribbles from a true labelmap: on N slices (along k) where the classes appear, M short
 * strokes per class, each a smooth random polyline a few pixels wide that stays inside the class after erosion (so
 * no stroke touches a boundary, as a careful user draws). Deterministic from the seed.
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
  /** Strokes per class per slice (ignored with `fill`). */
  strokesPerClass: number;
  /** Paint every pixel of the chosen slices with its class instead of drawing strokes (the slices are the same). */
  fill?: boolean;
  seed: number;
  /** Truth values to scribble (default [0, 1, 2, 3]: background and the three tissues). */
  truthClasses?: number[];
  /** Scribble value written for truth 0 (default 4). */
  backgroundValue?: number;
  /** Brush radius in pixels (default 1: strokes 3 px wide). */
  brushRadius?: number;
  /** Centre-line length range in pixels (default [8, 16]). */
  strokeLength?: [number, number];
  /** Start pixels a class needs on a slice to count as shown there (default 20). */
  minClassPixels?: number;
  /**
   * Catch-all classes stroked where they border the objects: the centre lines of these truth values' strokes start
   * and stay within `radius` pixels (in-plane, Chebyshev) of the slice's other scribbled classes, as the panel's
   * hint under a Background class asks. A slice where none of the class lies that near gets its strokes anywhere in
   * the class.
   */
  catchAllNear?: { values: number[]; radius: number };
}

/** The scribbles and what they cover. */
export interface SimulatedScribbles {
  /** 0 = unlabelled, else the scribble class (truth value, or `backgroundValue` for background). */
  scribbles: Labelmap;
  /** k indices of the scribbled slices, ascending. */
  slices: number[];
  /** Scribbled voxels per scribble class value. */
  voxelsPerClass: Record<number, number>;
  /** Strokes actually drawn per scribble class value (a class absent from a slice gets none there; with `fill`, the slices it was painted on). */
  strokesPerClass: Record<number, number>;
  labelledVoxels: number;
  /** labelledVoxels / voxels of the labelmap's grid. */
  labelledShare: number;
}

/** Pixel offsets of a disc of the given radius. */
export function discOffsets(radius: number): Array<[number, number]> {
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
 * The pixels (slice index) of a slice mask where a stroke of this brush may start: the mask eroded by brush + 1, so
 * the painted disc stays a pixel away from the mask's boundary.
 */
export function startsInside(mask: Uint8Array, columns: number, rows: number, brush: number): number[] {
  const inside = erode(mask, columns, rows, brush + 1);
  const starts: number[] = [];
  for (let p = 0; p < inside.length; p++) if (inside[p]) starts.push(p);
  return starts;
}

/** Per slice k, per truth class: the pixels (slice index) where a stroke may start (the class eroded by brush + 1). */
function strokeStarts(truth: Labelmap, truthClasses: number[], brush: number): number[][][] {
  const [columns, rows, depth] = truth.dimensions;
  const perSlice = columns * rows;
  const mask = new Uint8Array(perSlice);
  const starts: number[][][] = [];
  for (let k = 0; k < depth; k++) {
    const slice = truth.data.subarray(k * perSlice, (k + 1) * perSlice);
    starts.push(
      truthClasses.map((value) => {
        for (let p = 0; p < perSlice; p++) mask[p] = slice[p] === value ? 1 : 0;
        return startsInside(mask, columns, rows, brush);
      }),
    );
  }
  return starts;
}

/**
 * Slices to scribble, as a clinician picks them: among the slices where every class has room for a stroke
 * (at least `minPixels` start pixels), `count` slices evenly spread over the central 80 % of that list, each
 * jittered by up to a quarter of the spacing (seeded). When fewer slices show every class, the slices showing the
 * most classes are the candidates; when fewer candidates exist than asked for, all of them are used.
 */
export function chooseSlices(starts: number[][][], count: number, random: () => number, minPixels: number): number[] {
  const shown = starts.map((perClass) => perClass.filter((c) => c.length >= minPixels).length);
  const most = Math.max(...shown);
  if (most === 0) throw new Error('Cannot simulate scribbles: no slice has room for a stroke of any class');
  const candidates = shown.flatMap((n, k) => (n === most ? [k] : []));
  if (candidates.length <= count) return candidates;
  const span = candidates.length - 1;
  const spacing = (0.8 * span) / count;
  const chosen = new Set<number>();
  for (let n = 0; n < count; n++) {
    const centre = 0.1 * span + spacing * (n + 0.5);
    const jitter = (random() * 2 - 1) * spacing * 0.25;
    let index = Math.min(span, Math.max(0, Math.round(centre + jitter)));
    while (chosen.has(candidates[index])) index = (index + 1) % candidates.length;
    chosen.add(candidates[index]);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Where one stroke may go on a slice and how it is drawn. */
export interface StrokeCanvas {
  columns: number;
  rows: number;
  /** Slice pixels where the stroke may start; `inside` marks them (the stroke never leaves them). */
  candidates: number[];
  inside: Uint8Array;
  /** Value painted. */
  value: number;
  brushOffsets: Array<[number, number]>;
  /** Centre-line length range in pixels. */
  lengths: [number, number];
}

/** The canvas of strokes of `value` that start at and stay on `candidates` (its `inside` mask built from them once). */
export function strokeCanvas(columns: number, rows: number, candidates: number[], value: number,
  brushOffsets: Array<[number, number]>, lengths: [number, number]): StrokeCanvas {
  const inside = new Uint8Array(columns * rows);
  for (const p of candidates) inside[p] = 1;
  return { columns, rows, candidates, inside, value, brushOffsets, lengths };
}

/**
 * Draws one stroke on `out` (a slice): a smooth random polyline from a random candidate pixel that turns away from
 * the edge of `inside` rather than cross it, painted with the brush. Returns the pixels it newly painted.
 */
export function drawStroke(out: Uint8Array, canvas: StrokeCanvas, random: () => number): number {
  const { columns, rows, candidates, inside, value, brushOffsets } = canvas;
  const [minLength, maxLength] = canvas.lengths;
  let painted = 0;
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
        painted++;
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
  return painted;
}

/** Pixels of a slice within `radius` (Chebyshev) of a pixel whose truth is one of `objects`: a separable square dilation. */
export function nearObjects(slice: Uint8Array, columns: number, rows: number, objects: number[], radius: number): Uint8Array {
  const rowsPass = new Uint8Array(slice.length);
  for (let y = 0; y < rows; y++) {
    let last = -Infinity; // column of the last object pixel seen, scanning left to right, then right to left
    for (let x = 0; x < columns; x++) {
      if (objects.includes(slice[x + y * columns])) last = x;
      if (x - last <= radius) rowsPass[x + y * columns] = 1;
    }
    last = Infinity;
    for (let x = columns - 1; x >= 0; x--) {
      if (objects.includes(slice[x + y * columns])) last = x;
      if (last - x <= radius) rowsPass[x + y * columns] = 1;
    }
  }
  const out = new Uint8Array(slice.length);
  for (let x = 0; x < columns; x++) {
    let last = -Infinity;
    for (let y = 0; y < rows; y++) {
      if (rowsPass[x + y * columns]) last = y;
      if (y - last <= radius) out[x + y * columns] = 1;
    }
    last = Infinity;
    for (let y = rows - 1; y >= 0; y--) {
      if (rowsPass[x + y * columns]) last = y;
      if (last - y <= radius) out[x + y * columns] = 1;
    }
  }
  return out;
}

/** `canvas` narrowed to the start pixels near the objects; itself when none of them is that near. */
function nearCanvas(canvas: StrokeCanvas, slice: Uint8Array, objects: number[], radius: number): StrokeCanvas {
  const near = nearObjects(slice, canvas.columns, canvas.rows, objects, radius);
  const close = canvas.candidates.filter((p) => near[p]);
  return close.length === 0 ? canvas
    : strokeCanvas(canvas.columns, canvas.rows, close, canvas.value, canvas.brushOffsets, canvas.lengths);
}

/** Simulate scribbles on `truth` (values 0..K). The input is not modified. */
export function simulateScribbles(truth: Labelmap, options: ScribbleOptions): SimulatedScribbles {
  const truthClasses = options.truthClasses ?? [0, 1, 2, 3];
  const backgroundValue = options.backgroundValue ?? 4;
  const brush = options.brushRadius ?? 1;
  const [minLength, maxLength] = options.strokeLength ?? [8, 16];
  const random = seededRandom(options.seed);
  const nearRandom = seededRandom(options.seed + 104729);
  const [columns, rows] = truth.dimensions;
  const perSlice = columns * rows;
  const data = new Uint8Array(truth.data.length);
  const brushOffsets = discOffsets(brush);
  const voxelsPerClass: Record<number, number> = {};
  const strokesPerClass: Record<number, number> = {};
  const starts = strokeStarts(truth, truthClasses, brush);
  const slices = chooseSlices(starts, options.slices, random, options.minClassPixels ?? 20);

  for (const k of slices) {
    const out = data.subarray(k * perSlice, (k + 1) * perSlice);
    truthClasses.forEach((truthValue, c) => {
      const value = truthValue === 0 ? backgroundValue : truthValue;
      voxelsPerClass[value] ??= 0;
      strokesPerClass[value] ??= 0;
      if (options.fill) {
        let painted = 0;
        for (let p = 0; p < perSlice; p++) {
          if (truth.data[k * perSlice + p] === truthValue) {
            out[p] = value;
            painted++;
          }
        }
        voxelsPerClass[value] += painted;
        if (painted > 0) strokesPerClass[value]++;
        return;
      }
      const candidates = starts[k][c];
      if (candidates.length === 0) return;
      const canvas = strokeCanvas(columns, rows, candidates, value, brushOffsets, [minLength, maxLength]);
      const near = options.catchAllNear?.values.includes(truthValue)
        ? nearCanvas(canvas, truth.data.subarray(k * perSlice, (k + 1) * perSlice),
          truthClasses.filter((v) => !options.catchAllNear!.values.includes(v)), options.catchAllNear.radius)
        : undefined;
      // The near strokes draw from their own stream, and the usual strokes still take their numbers from the main
      // one (onto a copy), so every other stroke of the draw is the one the usual protocol draws.
      const scratch = near ? out.slice() : out;
      for (let s = 0; s < options.strokesPerClass; s++) {
        const painted = drawStroke(scratch, canvas, random);
        voxelsPerClass[value] += near ? drawStroke(out, near, nearRandom) : painted;
        strokesPerClass[value]++;
      }
    });
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
