/**
 * "Check image N": after a result, the panel points at up to two slices without strokes, numbered as the viewport
 * scrolls: the one the model doubts most (the engine's leastConfidentSlice) and, when the run kept its first result,
 * the one where the SSLDEC rounds moved that result most (mostChangedSlice). In the bench, corrective strokes on both,
 * then one new run, keep the suite's mean of strokes on the doubted slice alone (0.8554 against 0.8557) and lift the
 * held-out cases 0.030 above it (3×3, five seeds); strokes on only the more visibly wrong of the two cost the suite
 * 0.005 (seeds 1–3; BENCHMARKS.md, "Both correction hints"). My reading: the doubt cannot see what the rounds made
 * the network sure of.
 */
import { leastConfidentSlice, scribbledSlices } from '../../src/ssldec/infer/leastConfidentSlice';
import { mostChangedSlice, offersMovedSlice } from '../../src/ssldec/infer/mostChangedSlice';
import type { OhifViewer, ViewerTarget } from '../ohif/OhifViewer';
import type { PanelStore } from '../state/createStore';
import type { DoubtfulImage, MovedImage, SliceImage } from '../state/PanelState';
import type { PredictionLayer } from './PredictionLayer';
import type { ScribbleClasses } from './ScribbleClasses';

/** Slice k as the viewport numbers it; undefined for a single image (nowhere else to look) or when it does not show the series. */
function sliceImage(viewer: OhifViewer, t: ViewerTarget, slice: number): SliceImage | undefined {
  if (t.grid.geometry.dimensions[2] < 2) return undefined;
  const at = viewer.imageIndexOf(t, slice);
  return at && { slice, image: at.index + 1, images: at.count };
}

/**
 * The slice of `confidence` (max q per voxel, source grid) the model doubts most, skipping the `scribbled` slices;
 * undefined for a single image, when nothing is unsure there, or when the viewport does not show the series.
 */
export function doubtfulImage(viewer: OhifViewer, t: ViewerTarget, confidence: Float32Array, scribbled: readonly number[], unsureBelow: number): DoubtfulImage | undefined {
  const { slice, unsureVoxels } = leastConfidentSlice(confidence, t.grid.geometry.dimensions, scribbled, unsureBelow);
  if (unsureVoxels === 0) return undefined; // sure everywhere it can point: nothing to check
  const image = sliceImage(viewer, t, slice);
  return image && { ...image, unsureVoxels };
}

/**
 * The slice where the shown result and the run's other one (source grid labels) differ most, skipping the
 * `scribbled` slices; undefined for a single image, when the engine would not offer it beside the `doubtfulSlice`
 * (they agree there, or it is that slice: offersMovedSlice), or when the viewport does not show the series.
 */
export function movedImage(viewer: OhifViewer, t: ViewerTarget, shown: ArrayLike<number>, other: ArrayLike<number>, scribbled: readonly number[],
  doubtfulSlice?: number): MovedImage | undefined {
  const moved = mostChangedSlice(other, shown, t.grid.geometry.dimensions, scribbled);
  if (!offersMovedSlice(moved, doubtfulSlice)) return undefined;
  const image = sliceImage(viewer, t, moved.slice);
  return image && { ...image, changedVoxels: moved.changedVoxels };
}

/** What pointing needs: the viewer, the store, the shown result and the strokes. */
export interface PointingParts {
  viewer: OhifViewer;
  store: PanelStore;
  prediction: PredictionLayer;
  scribbles: ScribbleClasses;
}

/**
 * Tells the panel which images of the shown result to check: the one it doubts most, and the one the rounds moved
 * most when that is another image (none without a result).
 */
export function pointAtImagesToCheck({ viewer, store, prediction, scribbles }: PointingParts, t: ViewerTarget): void {
  const result = prediction.current;
  if (!result) {
    store.dispatch({ type: 'prediction/imagesToCheck', doubtful: undefined, moved: undefined });
    return;
  }
  const strokes = scribbles.read(t);
  const scribbled = strokes ? scribbledSlices(strokes.data, t.grid.geometry.dimensions) : [];
  const doubtful = doubtfulImage(viewer, t, result.confidence, scribbled, store.getState().prediction.confidenceThreshold);
  const other = prediction.otherResult?.result.prediction.data;
  const moved = other && movedImage(viewer, t, result.prediction.data, other, scribbled, doubtful?.slice);
  store.dispatch({ type: 'prediction/imagesToCheck', doubtful, moved });
}
