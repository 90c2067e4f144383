/**
 * One round of a clinician's corrections, simulated: they look at a method's prediction, scroll to the slice (along
 * k) where it is most visibly wrong, and there paint M strokes of each class where the prediction missed that class
 * (truth says the class, the prediction another), drawn as the first strokes were (inside the missed region eroded
 * by the brush + 1 pixel, so a one-voxel rim is never painted). "Most visibly wrong": the most such paintable pixels,
 * over every class. The earlier scribbles are kept; a corrective stroke paints over unlabelled pixels only.
 * Deterministic from the seed. Every method is corrected on its own errors, as a user of that tool would be.
 */
import type { Labelmap } from '../../src/volume/Volume';
import { seededRandom } from '../lib/random';
import { discOffsets, drawStroke, startsInside, strokeCanvas } from './simulateScribbles';

export interface CorrectionOptions {
  /** Strokes per missed class on the corrected slice. */
  strokesPerClass: number;
  seed: number;
  /** Class values (1..K) of the truth and the prediction. */
  classes: number[];
  /** Brush radius in pixels (default 1, as simulateScribbles). */
  brushRadius?: number;
  /** Centre-line length range in pixels (default [8, 16]). */
  strokeLength?: [number, number];
  /** Paintable pixels a missed region needs on the slice to get strokes (default 20, as a class needs to be stroked). */
  minClassPixels?: number;
  /**
   * The slices the clinician is pointed at, when something other than the truth chose them (e.g. the slice the engine
   * doubts most, {@link leastConfidentSlice}); they correct the one where the prediction is most visibly wrong.
   * Default: every slice.
   */
  slices?: number[];
}

export interface SimulatedCorrection {
  /** The earlier scribbles plus the corrective strokes (a new labelmap). */
  scribbles: Labelmap;
  /** The corrected slice (k), or undefined when no missed region has room for a stroke. */
  slice?: number;
  /** Newly scribbled voxels per class value. */
  voxelsPerClass: Record<number, number>;
}

/** The earlier `scribbles` plus one round of corrective strokes where `prediction` misses `truth`. Inputs unmodified. */
export function simulateCorrection(truth: Labelmap, prediction: Labelmap, scribbles: Labelmap, options: CorrectionOptions): SimulatedCorrection {
  const [columns, rows, depth] = truth.dimensions;
  const perSlice = columns * rows;
  const brush = options.brushRadius ?? 1;
  const minPixels = options.minClassPixels ?? 20;
  const missed = new Uint8Array(perSlice);
  // Per slice, per class: the pixels where a corrective stroke may start.
  const startsOf = (k: number): number[][] =>
    options.classes.map((value) => {
      for (let p = 0; p < perSlice; p++) {
        const v = k * perSlice + p;
        missed[p] = truth.data[v] === value && prediction.data[v] !== value && scribbles.data[v] === 0 ? 1 : 0;
      }
      const starts = startsInside(missed, columns, rows, brush);
      return starts.length >= minPixels ? starts : [];
    });
  let slice: number | undefined;
  let sliceStarts: number[][] = [];
  let best = 0;
  for (let k = 0; k < depth; k++) {
    if (options.slices && !options.slices.includes(k)) continue;
    const starts = startsOf(k);
    const paintable = starts.reduce((sum, s) => sum + s.length, 0);
    if (paintable > best) {
      best = paintable;
      slice = k;
      sliceStarts = starts;
    }
  }
  const data = scribbles.data.slice();
  const voxelsPerClass: Record<number, number> = Object.fromEntries(options.classes.map((v) => [v, 0]));
  if (slice !== undefined) {
    const random = seededRandom(options.seed);
    const out = data.subarray(slice * perSlice, (slice + 1) * perSlice);
    const brushOffsets = discOffsets(brush);
    sliceStarts.forEach((candidates, c) => {
      if (candidates.length === 0) return;
      const value = options.classes[c];
      const canvas = strokeCanvas(columns, rows, candidates, value, brushOffsets, options.strokeLength ?? [8, 16]);
      for (let s = 0; s < options.strokesPerClass; s++) voxelsPerClass[value] += drawStroke(out, canvas, random);
    });
  }
  const { data: _scribbleData, ...geometry } = scribbles;
  return { scribbles: { ...geometry, data }, slice, voxelsPerClass };
}
