/**
 * The viewer as the session sees it: every OHIF service call, command and host-Cornerstone access the session
 * makes goes through here (with the other files of this folder), so the rest of the extension never names an
 * OHIF service (test/unit/extension/ohifBoundary.test.ts keeps it so).
 */
import type { Labelmap } from '../../src/volume/Volume';
import type { PanelClass } from '../state/PanelState';
import { activeImageDisplaySet, NON_IMAGE_MODALITIES } from './activeImageDisplaySet';
import { gridDifference } from './sameGrid';
import { ViewerNotReadyError } from './OhifBoundaryError';
import { getCornerstoneLibraries } from './getCornerstoneLibraries';
import { readScribbles } from './readScribbles';
import { readSourceGrid, readSourceVolume, type SourceGrid } from './readSourceVolume';
import {
  activateBrushForClass, createScribbleSegmentation, hasSegmentation, keepBrushOnScribbles, onSegmentationEdited, scribblesDrifted,
  setBrushSize, syncScribbleSegments,
} from './scribbleSegments';
import { createPredictionSegmentation, syncPredictionSegments, writeLabelmap } from './writePrediction';
import { setOpacityIfChanged } from './unchangedSkipped';
import { storeInstance } from './storeInstance';
import type { OhifContext, OhifDisplaySet } from './types';
import type { Volume } from '../../src/volume/Volume';

/** The active viewport's image series: where scribbles, prediction and voxels live. */
export interface ViewerTarget {
  viewportId: string;
  displaySet: OhifDisplaySet;
  grid: SourceGrid;
}

/** Another series of the study on the active series' grid: a possible extra channel. */
export interface SameGridSeries {
  displaySet: OhifDisplaySet;
  grid: SourceGrid;
}

/** See file comment. */
export class OhifViewer {
  private gridCache?: { uid: string; grid: SourceGrid };

  constructor(private readonly ohif: OhifContext) {}

  private get services() {
    return this.ohif.servicesManager.services;
  }

  private get segmentationService() {
    return this.services.segmentationService;
  }

  private get cs() {
    return getCornerstoneLibraries(this.ohif.extensionManager);
  }

  /** The active viewport's series and its grid (read once per series). Throws ViewerNotReadyError without one. */
  target(): ViewerTarget {
    const { viewportId, displaySet } = activeImageDisplaySet(this.services);
    if (this.gridCache?.uid !== displaySet.displaySetInstanceUID) {
      this.gridCache = { uid: displaySet.displaySetInstanceUID, grid: readSourceGrid(this.cs, displaySet) };
    }
    return { viewportId, displaySet, grid: this.gridCache.grid };
  }

  /** Whether the active viewport renders an image series yet (the panel mounts before the study has loaded). */
  showsImages(): boolean {
    try {
      const t = this.target();
      return (this.viewport(t)?.getImageIds?.().length ?? 0) > 0;
    } catch {
      return false;
    }
  }

  private viewport(t: ViewerTarget) {
    return this.cs.cornerstone.getEnabledElementByViewportId(t.viewportId)?.viewport;
  }

  /**
   * Where slice `k` of the target's grid sits in the viewport's scrolling order (0-based) and how many images it
   * scrolls through: what the clinician knows as "image index + 1 of count". Undefined while the viewport lacks it.
   */
  imageIndexOf(t: ViewerTarget, k: number): { index: number; count: number } | undefined {
    const ids = this.viewport(t)?.getImageIds?.() ?? [];
    const index = ids.indexOf(t.grid.imageIdBySlice[k]);
    return index < 0 ? undefined : { index, count: ids.length };
  }

  /** Scrolls the viewport to slice `k` of the target's grid. Throws ViewerNotReadyError when it cannot. */
  async showSlice(t: ViewerTarget, k: number): Promise<void> {
    const viewport = this.viewport(t);
    const at = this.imageIndexOf(t, k);
    const jump = this.cs.cornerstone.utilities?.jumpToSlice;
    if (!at) throw new ViewerNotReadyError('The active viewport does not show the trained series now: show it there first.');
    if (!viewport?.element || !jump) throw new ViewerNotReadyError(`The viewer cannot scroll this viewport: go to image ${at.index + 1} of ${at.count} by hand.`);
    await jump(viewport.element, { imageIndex: at.index });
    // A volume viewport counts its slices along the view direction, which may run the other way.
    const shown = viewport.getCurrentImageId?.();
    if (shown !== undefined && shown !== t.grid.imageIdBySlice[k]) {
      throw new ViewerNotReadyError(`This viewport did not scroll to image ${at.index + 1} of ${at.count}: scroll there by hand.`);
    }
  }

  /**
   * The study's other image series whose grid is the active series' one (same slices, spacing, position and
   * orientation): the series the panel offers as extra channels. Series without usable image metadata are left out.
   */
  sameGridSeries(t: ViewerTarget): SameGridSeries[] {
    const dataSource = this.ohif.extensionManager.getActiveDataSource()[0];
    const candidates = (this.services.displaySetService.getActiveDisplaySets?.() ?? []).filter(
      (d) => d.displaySetInstanceUID !== t.displaySet.displaySetInstanceUID && d.StudyInstanceUID === t.displaySet.StudyInstanceUID &&
        !NON_IMAGE_MODALITIES.has(String(d.Modality ?? '')),
    );
    return candidates.flatMap((d) => {
      try {
        const imageIds = d.imageIds?.length ? d.imageIds : dataSource?.getImageIdsForDisplaySet?.(d) ?? [];
        if (imageIds.length !== t.grid.geometry.dimensions[2]) return [];
        const grid = readSourceGrid(this.cs, { ...d, imageIds });
        return gridDifference(t.grid.geometry, grid.geometry) === undefined ? [{ displaySet: d, grid }] : [];
      } catch {
        return []; // no image-plane metadata (yet): not offered
      }
    });
  }

  /** Calls `onChange` when display sets are added or change (a series' metadata arrived); returns the unsubscribe function. */
  onDisplaySetsChanged(onChange: () => void): () => void {
    const service = this.services.displaySetService;
    if (!service.subscribe || !service.EVENTS) return () => undefined;
    const subs = [service.EVENTS.DISPLAY_SETS_ADDED, service.EVENTS.DISPLAY_SETS_CHANGED].map((event) => service.subscribe!(event, onChange));
    return () => subs.forEach((s) => s.unsubscribe());
  }

  /** An OHIF notification (toast). */
  notify(type: 'success' | 'error' | 'info', title: string, message: string): void {
    this.services.uiNotificationService?.show({ title, message, type });
  }

  /** Calls `onEdit` after every brush edit of the segmentation `getId()` names; returns the unsubscribe function. */
  onEdited(getId: () => string | undefined, onEdit: () => void): () => void {
    return onSegmentationEdited(this.segmentationService, getId, onEdit);
  }

  /** Calls `onModified(id)` when a segmentation's segments or active segment change; returns the unsubscribe function. */
  onModified(onModified: (segmentationId: string) => void): () => void {
    const seg = this.segmentationService;
    const sub = seg.subscribe(seg.EVENTS.SEGMENTATION_MODIFIED, ({ segmentationId }) => {
      if (segmentationId !== undefined) onModified(segmentationId);
    });
    return () => sub.unsubscribe();
  }

  has(segmentationId: string | undefined): segmentationId is string {
    return hasSegmentation(this.segmentationService, segmentationId);
  }

  createScribbles(t: ViewerTarget, classes: readonly PanelClass[]): Promise<string> {
    return createScribbleSegmentation(this.segmentationService, t.viewportId, t.displaySet, classes);
  }

  /** Adds, renames, recolours and removes the scribble segments so they match `classes`. */
  syncScribbles(t: ViewerTarget, segmentationId: string, classes: readonly PanelClass[]): void {
    syncScribbleSegments(this.segmentationService, t.viewportId, segmentationId, classes);
  }

  scribblesDrifted(segmentationId: string, classes: readonly PanelClass[], activeValue: number | undefined): boolean {
    return scribblesDrifted(this.segmentationService, segmentationId, classes, activeValue);
  }

  setActiveSegment(segmentationId: string, value: number): void {
    this.segmentationService.setActiveSegment(segmentationId, value);
  }

  activateBrush(t: ViewerTarget, segmentationId: string, value: number, radiusMm: number): void {
    activateBrushForClass(this.segmentationService, this.ohif.commandsManager, t.viewportId, segmentationId, value, radiusMm);
  }

  /** OHIF's brush radius in mm. */
  setBrushRadius(radiusMm: number): void {
    setBrushSize(this.ohif.commandsManager, radiusMm);
  }

  keepBrushOnScribbles(t: ViewerTarget, scribbleId: string | undefined): void {
    keepBrushOnScribbles(this.segmentationService, t.viewportId, scribbleId);
  }

  /** Voxels of a segmentation on the source grid, values mapped by `toValue` (default: as stored). */
  readLabels(t: ViewerTarget, segmentationId: string, toValue?: (segmentIndex: number) => number): Labelmap {
    return readScribbles(this.cs, this.segmentationService, segmentationId, t.grid.geometry, t.grid.sliceByImageId, toValue);
  }

  /** Replaces a segmentation's voxels by `labelmap` (segment indices) and re-renders. */
  writeLabels(t: ViewerTarget, segmentationId: string, labelmap: Labelmap): void {
    writeLabelmap(this.cs, this.segmentationService, segmentationId, labelmap, t.grid.imageIdBySlice);
  }

  /** The source voxels as an engine volume (one channel named `channelName`); also those of a same-grid series. */
  readVolume(t: Pick<ViewerTarget, 'grid'>, channelName: string): Promise<Volume> {
    return readSourceVolume(this.cs, t.grid, channelName);
  }

  createPrediction(t: ViewerTarget, classes: readonly PanelClass[]): Promise<string> {
    return createPredictionSegmentation(this.segmentationService, t.viewportId, t.displaySet, classes);
  }

  /** Names and colours of the prediction's segments follow the classes (a renamed or recoloured class). */
  syncPrediction(t: ViewerTarget, segmentationId: string, classes: readonly PanelClass[]): void {
    syncPredictionSegments(this.segmentationService, t.viewportId, segmentationId, classes);
  }

  setOpacity(t: ViewerTarget, segmentationId: string, opacity: number): void {
    setOpacityIfChanged(this.segmentationService, t.viewportId, segmentationId, opacity);
  }

  /**
   * Sends Part-10 bytes through the active data source (STOW-RS with the site's auth), as OHIF stores its own SEGs:
   * the new series is listed in the study browser without a reload.
   */
  storeDicom(bytes: ArrayBuffer): Promise<void> {
    return storeInstance(this.ohif, bytes);
  }
}
