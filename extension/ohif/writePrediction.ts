/**
 * Writes labelmaps into OHIF segmentations: the prediction overlay (its own segmentation, locked against the brush)
 * and restored scribbles. One of the three files that touch segmentationService / Cornerstone's cache.
 */
import type { Labelmap } from '../../src/volume/Volume';
import type { PanelClass } from '../state/PanelState';
import type { CornerstoneLibraries, OhifDisplaySet, SegmentationServiceLike } from './types';
import { stackLayersOf } from './labelmapLayers';
import { ViewerNotReadyError } from './OhifBoundaryError';
import { lockSegment, setSegmentColorIfChanged } from './unchangedSkipped';

/** Segment index of the "low confidence" overlay in the confidence view (outside class values in practice). */
export const UNSURE_SEGMENT_INDEX = 250;

/**
 * Creates the prediction segmentation (label "SSLDEC prediction", one segment per class, coloured like the class,
 * locked so the brush never paints into it) and shows it in the viewport. Returns its id.
 */
export async function createPredictionSegmentation(
  segmentationService: SegmentationServiceLike, viewportId: string, displaySet: OhifDisplaySet, classes: readonly PanelClass[],
): Promise<string> {
  // Locked from the start, as a lock set afterwards is one more re-render each (unchangedSkipped.ts); lockSegment
  // below locks any segment the host created unlocked.
  const segments: Record<number, { segmentIndex: number; label: string; locked: boolean }> = {};
  for (const c of classes) segments[c.value] = { segmentIndex: c.value, label: c.name, locked: true };
  segments[UNSURE_SEGMENT_INDEX] = { segmentIndex: UNSURE_SEGMENT_INDEX, label: 'Low confidence', locked: true };
  const segmentationId = await segmentationService.createLabelmapForDisplaySet(displaySet, { label: 'SSLDEC prediction', segments });
  await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId, type: 'Labelmap' });
  for (const c of classes) setSegmentColorIfChanged(segmentationService, viewportId, segmentationId, c.value, [...c.color, 255]);
  setSegmentColorIfChanged(segmentationService, viewportId, segmentationId, UNSURE_SEGMENT_INDEX, [255, 0, 255, 255]);
  for (const index of [...classes.map((c) => c.value), UNSURE_SEGMENT_INDEX]) lockSegment(segmentationService, segmentationId, index);
  return segmentationId;
}

/**
 * Keeps the prediction's segments in step with the classes: a renamed or recoloured class shows its new name and
 * colour in the overlay, a removed class's segment goes (its voxels are cleared by the caller), every segment stays
 * locked against the brush.
 */
export function syncPredictionSegments(
  segmentationService: SegmentationServiceLike, viewportId: string, segmentationId: string, classes: readonly PanelClass[],
): void {
  const segmentation = segmentationService.getSegmentation(segmentationId);
  if (!segmentation) return;
  const wanted = new Set(classes.map((c) => c.value));
  for (const key of Object.keys(segmentation.segments)) {
    const index = Number(key);
    if (index !== UNSURE_SEGMENT_INDEX && segmentation.segments[index] && !wanted.has(index)) {
      segmentationService.removeSegment(segmentationId, index, { skipRecordingHistory: true });
    }
  }
  for (const c of classes) {
    const existing = segmentationService.getSegmentation(segmentationId)?.segments[c.value];
    if (!existing) segmentationService.addSegment(segmentationId, { segmentIndex: c.value, label: c.name, isLocked: true });
    else if (existing.label !== c.name) segmentationService.setSegmentLabel(segmentationId, c.value, c.name);
    setSegmentColorIfChanged(segmentationService, viewportId, segmentationId, c.value, [...c.color, 255]);
    lockSegment(segmentationService, segmentationId, c.value);
  }
}

/**
 * Replaces the voxels of a segmentation's primary stack layer with `labelmap` (values = segment indices) and tells
 * Cornerstone to re-render. `imageIdBySlice[k]` is the source image id of slice k.
 */
export function writeLabelmap(
  cs: CornerstoneLibraries, segmentationService: SegmentationServiceLike, segmentationId: string, labelmap: Labelmap,
  imageIdBySlice: string[],
): void {
  const data = segmentationService.getSegmentation(segmentationId)?.representationData.Labelmap;
  if (!data) throw new ViewerNotReadyError(`Segmentation ${segmentationId} is no longer in the viewer; train again to recreate it.`);
  const layer = stackLayersOf(data).layers[0];
  if (!layer) throw new ViewerNotReadyError(`Segmentation ${segmentationId} has no per-slice labelmap images to write into.`);
  const sliceOf = new Map(imageIdBySlice.map((id, k) => [id, k]));
  const [columns, rows] = labelmap.dimensions;
  const sliceSize = columns * rows;
  const modified: number[] = [];
  layer.imageIds.forEach((labelmapImageId, n) => {
    const image = cs.cornerstone.cache.getImage(labelmapImageId);
    const referenced = layer.referencedImageIds?.[n] ?? image?.referencedImageId;
    const k = referenced !== undefined ? sliceOf.get(referenced) : undefined;
    if (!image || k === undefined) return;
    const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
    const source = labelmap.data.subarray(k * sliceSize, (k + 1) * sliceSize);
    let changed = false;
    for (let p = 0; p < sliceSize; p++) {
      if (pixels[p] !== source[p]) {
        pixels[p] = source[p];
        changed = true;
      }
    }
    if (changed) modified.push(n);
  });
  cs.cornerstoneTools.segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(segmentationId, modified);
}

/**
 * The overlay labelmap to show: the prediction (segment indices), or in the confidence view only the voxels whose
 * confidence (max_j q_ij) is below `threshold`, as {@link UNSURE_SEGMENT_INDEX}. Pure.
 */
export function overlayLabelmap(prediction: Labelmap, confidence: Float32Array, showConfidence: boolean, threshold: number): Labelmap {
  if (!showConfidence) return prediction;
  const data = new Uint8Array(prediction.data.length);
  for (let i = 0; i < data.length; i++) if (confidence[i] < threshold) data[i] = UNSURE_SEGMENT_INDEX;
  return { ...prediction, data };
}
