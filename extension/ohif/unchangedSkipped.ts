/**
 * Segmentation calls that do nothing when the state already holds: a colour, a lock, an opacity, an active
 * segmentation or segment set again. Each call OHIF forwards to Cornerstone asks for a re-render even when nothing
 * changes, and the Cornerstone3D of OHIF 3.13.2 queues a request that comes while a frame is pending and renders one
 * queued request per frame. Showing a prediction made about a dozen such calls, so the viewport was re-rendered for
 * seconds after it (in software-rendered Chromium about a core for the compositor, beside the training worker:
 * BENCHMARKS.md, "viewer: the overlay's redundant re-renders").
 */
import type { SegmentationServiceLike } from './types';

/** Sets a segment's colour (RGBA) unless it has it already. */
export function setSegmentColorIfChanged(
  segmentationService: SegmentationServiceLike, viewportId: string, segmentationId: string, segmentIndex: number, color: number[],
): void {
  const now = segmentationService.getSegmentColor?.(viewportId, segmentationId, segmentIndex);
  if (!now || now.length !== color.length || now.some((x, i) => x !== color[i])) {
    segmentationService.setSegmentColor(viewportId, segmentationId, segmentIndex, color);
  }
}

/** Locks a segment against the brush unless it is locked already. */
export function lockSegment(segmentationService: SegmentationServiceLike, segmentationId: string, segmentIndex: number): void {
  if (segmentationService.getSegmentation(segmentationId)?.segments[segmentIndex]?.locked !== true) {
    segmentationService.setSegmentLocked(segmentationId, segmentIndex, true);
  }
}

/** Sets a segmentation's fill opacity (0..1) in one viewport unless it has it already. */
export function setOpacityIfChanged(segmentationService: SegmentationServiceLike, viewportId: string, segmentationId: string, opacity: number): void {
  const specifier = { viewportId, segmentationId, type: 'Labelmap' } as const;
  const style = segmentationService.getStyle?.(specifier);
  if (style?.fillAlpha !== opacity || style?.fillAlphaInactive !== opacity) {
    segmentationService.setStyle(specifier, { fillAlpha: opacity, fillAlphaInactive: opacity });
  }
}

/** Makes a segmentation the viewport's active one (the one the brush paints) unless it is already. */
export function activateSegmentation(segmentationService: SegmentationServiceLike, viewportId: string, segmentationId: string): void {
  if (segmentationService.getActiveSegmentation?.(viewportId)?.segmentationId !== segmentationId) {
    segmentationService.setActiveSegmentation(viewportId, segmentationId);
  }
}

/** Makes a segment the active one of its segmentation (the one the brush paints) unless it is already. */
export function activateSegment(segmentationService: SegmentationServiceLike, segmentationId: string, segmentIndex: number): void {
  if (segmentationService.getSegmentation(segmentationId)?.segments[segmentIndex]?.active !== true) {
    segmentationService.setActiveSegment(segmentationId, segmentIndex);
  }
}
