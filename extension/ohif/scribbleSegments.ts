/**
 * The scribble segmentation in OHIF: one segment per panel class (segment index = class value), kept in step with
 * the class list, and the brush bound to the chosen class. Touches segmentationService and OHIF commands only.
 */
import type { PanelClass } from '../state/PanelState';
import type { CommandsManagerLike, OhifDisplaySet, SegmentationServiceLike } from './types';
import { activateSegment, activateSegmentation, setSegmentColorIfChanged } from './unchangedSkipped';

/** Creates "SSLDEC scribbles" with the classes as segments and shows it in the viewport. Returns its id. */
export async function createScribbleSegmentation(
  segmentationService: SegmentationServiceLike, viewportId: string, displaySet: OhifDisplaySet, classes: readonly PanelClass[],
): Promise<string> {
  const segments: Record<number, { segmentIndex: number; label: string }> = {};
  for (const c of classes) segments[c.value] = { segmentIndex: c.value, label: c.name };
  const segmentationId = await segmentationService.createLabelmapForDisplaySet(displaySet, { label: 'SSLDEC scribbles', segments });
  await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId, type: 'Labelmap' });
  for (const c of classes) segmentationService.setSegmentColor(viewportId, segmentationId, c.value, [...c.color, 255]);
  return segmentationId;
}

/** Adds, renames, recolours and removes segments so they match `classes`. */
export function syncScribbleSegments(
  segmentationService: SegmentationServiceLike, viewportId: string, segmentationId: string, classes: readonly PanelClass[],
): void {
  const segmentation = segmentationService.getSegmentation(segmentationId);
  if (!segmentation) return;
  const wanted = new Map(classes.map((c) => [c.value, c]));
  for (const key of Object.keys(segmentation.segments)) {
    const index = Number(key);
    if (segmentation.segments[index] && !wanted.has(index)) segmentationService.removeSegment(segmentationId, index, { skipRecordingHistory: true });
  }
  for (const c of classes) {
    const existing = segmentationService.getSegmentation(segmentationId)?.segments[c.value];
    if (!existing) segmentationService.addSegment(segmentationId, { segmentIndex: c.value, label: c.name });
    else if (existing.label !== c.name) segmentationService.setSegmentLabel(segmentationId, c.value, c.name);
    setSegmentColorIfChanged(segmentationService, viewportId, segmentationId, c.value, [...c.color, 255]);
  }
}

/** Makes `value` the active segment of the scribble segmentation and activates OHIF's circular brush. */
export function activateBrushForClass(
  segmentationService: SegmentationServiceLike, commandsManager: CommandsManagerLike, viewportId: string, segmentationId: string,
  value: number, brushSize: number,
): void {
  activateSegmentation(segmentationService, viewportId, segmentationId);
  activateSegment(segmentationService, segmentationId, value);
  commandsManager.runCommand('setToolActiveToolbar', { toolName: 'CircularBrush' });
  setBrushSize(commandsManager, brushSize);
}

/**
 * Whether OHIF's scribble segmentation has drifted from the panel: a class without its segment, or another segment
 * active than the chosen class. Seen in OHIF 3.13 right after creation, when the segmentation's first state is
 * applied again over the segments and active segment set since (the first strokes then painted nothing).
 */
export function scribblesDrifted(
  segmentationService: SegmentationServiceLike, segmentationId: string, classes: readonly PanelClass[], activeValue: number | undefined,
): boolean {
  const segments = segmentationService.getSegmentation(segmentationId)?.segments;
  if (!segments) return false;
  if (classes.some((c) => !segments[c.value])) return true;
  return activeValue !== undefined && !segments[activeValue]?.active;
}

/** Whether `segmentationId` is (still) in the viewer; OHIF drops segmentations on mode exit or by the user. */
export function hasSegmentation(segmentationService: SegmentationServiceLike, segmentationId: string | undefined): segmentationId is string {
  return segmentationId !== undefined && segmentationService.getSegmentation(segmentationId) !== undefined;
}

/** Makes the scribble segmentation the active one again, so the brush keeps painting scribbles. */
export function keepBrushOnScribbles(segmentationService: SegmentationServiceLike, viewportId: string, scribbleId: string | undefined): void {
  if (hasSegmentation(segmentationService, scribbleId)) activateSegmentation(segmentationService, viewportId, scribbleId);
}

/** Calls `onEdit` after every brush edit of the segmentation `getId()` names; returns the unsubscribe function. */
export function onSegmentationEdited(
  segmentationService: SegmentationServiceLike, getId: () => string | undefined, onEdit: () => void,
): () => void {
  const sub = segmentationService.subscribe(segmentationService.EVENTS.SEGMENTATION_DATA_MODIFIED, ({ segmentationId }) => {
    if (segmentationId !== undefined && segmentationId === getId()) onEdit();
  });
  return () => sub.unsubscribe();
}

/** Sets OHIF's brush radius (mm) for every tool group. */
export function setBrushSize(commandsManager: CommandsManagerLike, size: number): void {
  commandsManager.runCommand('setBrushSize', { value: size });
}
