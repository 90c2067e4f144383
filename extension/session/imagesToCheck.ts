/**
 * "Check image N": after a result, the panel points at the slice the model doubts most among those without strokes
 * (the engine's leastConfidentSlice), numbered as the viewport scrolls. Corrective strokes there, then a new run,
 * lifted held-out anatomy by 0.05 mean Dice in the bench (BENCHMARKS.md, "a correction on the slice the engine
 * doubts most"); the model's sure mistakes it cannot point at.
 */
import { leastConfidentSlice, scribbledSlices } from '../../src/ssldec/infer/leastConfidentSlice';
import type { Labelmap } from '../../src/volume/Volume';
import type { OhifViewer, ViewerTarget } from '../ohif/OhifViewer';
import type { PanelStore } from '../state/createStore';
import type { DoubtfulImage } from '../state/PanelState';
import type { PredictionLayer } from './PredictionLayer';
import type { ScribbleClasses } from './ScribbleClasses';

/**
 * The slice of `confidence` (max q per voxel, source grid) the model doubts most, skipping the slices `scribbles`
 * has strokes on; undefined for a single image, when nothing is unsure there, or when the viewport does not show
 * the series.
 */
export function doubtfulImage(viewer: OhifViewer, t: ViewerTarget, confidence: Float32Array, scribbles: Labelmap | undefined, unsureBelow: number): DoubtfulImage | undefined {
  const dims = t.grid.geometry.dimensions;
  if (dims[2] < 2) return undefined; // one image: nowhere else to look
  const { slice, unsureVoxels } = leastConfidentSlice(confidence, dims, scribbles ? scribbledSlices(scribbles.data, dims) : [], unsureBelow);
  if (unsureVoxels === 0) return undefined; // sure everywhere it can point: nothing to check
  const at = viewer.imageIndexOf(t, slice);
  return at && { slice, image: at.index + 1, images: at.count, unsureVoxels };
}

/** What pointing needs: the viewer, the store, the shown result and the strokes. */
export interface DoubtParts {
  viewer: OhifViewer;
  store: PanelStore;
  prediction: PredictionLayer;
  scribbles: ScribbleClasses;
}

/** Tells the panel which image the shown result doubts most (none without a result). */
export function pointAtDoubt({ viewer, store, prediction, scribbles }: DoubtParts, t: ViewerTarget): void {
  const result = prediction.current;
  const doubtful = result && doubtfulImage(viewer, t, result.confidence, scribbles.read(t), store.getState().prediction.confidenceThreshold);
  store.dispatch({ type: 'prediction/doubtful', doubtful });
}
