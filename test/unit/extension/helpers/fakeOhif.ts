/**
 * An in-memory stand-in for the OHIF 3.13 services and host Cornerstone that the extension calls (unit tests of our
 * own logic only; the real viewer is exercised by C's Playwright test). Labelmaps are per-slice images in a cache,
 * referencing source images, as in Cornerstone 5.
 */
import type { Volume } from '../../../../src/volume/Volume';
import { naturalizedMrInstances } from './naturalizedInstances';
import type {
  CornerstoneImageLike, CornerstoneLibraries, DataSourceLike, ImagePlaneLike, OhifContext, OhifDisplaySet, SegmentationLike,
  SegmentationServiceLike, SegmentConfig,
} from '../../../../extension/ohif/types';

export interface FakeOhif {
  ohif: OhifContext;
  cs: CornerstoneLibraries;
  displaySet: OhifDisplaySet;
  segmentations: Map<string, SegmentationLike>;
  images: Map<string, CornerstoneImageLike>;
  commands: { name: string; options?: Record<string, unknown> }[];
  notifications: { title: string; message: string; type?: string }[];
  styles: { specifier: unknown; style: Record<string, unknown> }[];
  colors: Map<string, number[]>;
  activeSegment: Map<string, number>;
  /** Calls that make Cornerstone re-render (a colour, a lock, a style, the active segmentation), by name. */
  rerenderCalls: string[];
  stored: ArrayBuffer[];
  dataSource: DataSourceLike & { failWith?: unknown };
  /**
   * Series the viewer lists (its display sets): the source series, then what OHIF's `createStoreFunction` added;
   * set `storeFunction = false` to model a host without that command.
   */
  listedSeries: string[];
  storeFunction: boolean;
  /** The image the viewport shows, an index into its image ids (listed in reversed slice order). */
  shownImageIndex: number;
  /** Paints `value` (a segment index) at voxel (i, j, k) of a segmentation, like a brush stroke. */
  paint(segmentationId: string, value: number, i: number, j: number, k: number): void;
  /** Replaces a segmentation's segments and announces it, as OHIF does when it re-applies a segmentation's state. */
  resetSegments(segmentationId: string, segments: SegmentationLike['segments']): void;
  /** Voxels of a segmentation as a volume-ordered array (k in source order). */
  voxels(segmentationId: string): Uint8Array;
}

/** Another series of the study (for extra channels): its voxels, and how far its grid is moved from the shown one's. */
export interface FakeSeries {
  seriesInstanceUID: string;
  description: string;
  volume: Volume;
  /** Added to every slice position (mm); non-zero puts the series off the shown series' grid. */
  shift?: [number, number, number];
}

/**
 * A viewer showing `volume` (one channel) as a series whose image ids are listed in REVERSED slice order, so
 * sorting by position is exercised; `otherSeries` are further series of the study (image ids in slice order).
 */
export function fakeOhif(volume: Volume, otherSeries: FakeSeries[] = []): FakeOhif {
  const [columns, rows, slices] = volume.dimensions;
  const sliceSize = columns * rows;
  const images = new Map<string, CornerstoneImageLike>();
  const planes = new Map<string, ImagePlaneLike>();
  const sourceIds: string[] = [];
  for (let k = slices - 1; k >= 0; k--) {
    const id = `wadors:src/${k}`;
    sourceIds.push(id);
    const pixels = Int16Array.from(volume.channels[0].subarray(k * sliceSize, (k + 1) * sliceSize), (v) => Math.round(v / 2)); // stored = value / 2
    images.set(id, { imageId: id, rows, columns, slope: 2, intercept: 0, getPixelData: () => pixels as never });
    planes.set(id, {
      rows, columns, imagePositionPatient: [volume.origin[0], volume.origin[1], volume.origin[2] + k * volume.spacing[2]],
      rowCosines: [1, 0, 0], columnCosines: [0, 1, 0], rowPixelSpacing: volume.spacing[1], columnPixelSpacing: volume.spacing[0],
    });
  }
  const others: OhifDisplaySet[] = otherSeries.map((series, n) => {
    const ids: string[] = [];
    const [dx, dy, dz] = series.shift ?? [0, 0, 0];
    const [c, r, s] = series.volume.dimensions;
    for (let k = 0; k < s; k++) {
      const id = `wadors:other${n}/${k}`;
      ids.push(id);
      const pixels = Float32Array.from(series.volume.channels[0].subarray(k * c * r, (k + 1) * c * r));
      images.set(id, { imageId: id, rows: r, columns: c, getPixelData: () => pixels as never });
      const o = series.volume.origin;
      planes.set(id, {
        rows: r, columns: c, imagePositionPatient: [o[0] + dx, o[1] + dy, o[2] + dz + k * series.volume.spacing[2]],
        rowCosines: [1, 0, 0], columnCosines: [0, 1, 0], rowPixelSpacing: series.volume.spacing[1], columnPixelSpacing: series.volume.spacing[0],
      });
    }
    return {
      displaySetInstanceUID: `ds-other${n}`, StudyInstanceUID: '1.2.826.0.1.3680043.2.1125.1', SeriesInstanceUID: series.seriesInstanceUID,
      Modality: 'MR', SeriesDescription: series.description, SeriesNumber: n + 2, imageIds: ids,
    };
  });
  // OHIF keeps instances in its own order; reversed here like the image ids
  const instances = naturalizedMrInstances(volume, '1.2.826.0.1.3680043.2.1125.1', '1.2.826.0.1.3680043.2.1125.1.2').reverse();
  const displaySet: OhifDisplaySet = {
    displaySetInstanceUID: 'ds-1', StudyInstanceUID: '1.2.826.0.1.3680043.2.1125.1', SeriesInstanceUID: '1.2.826.0.1.3680043.2.1125.1.2',
    Modality: 'MR', imageIds: sourceIds, instances: instances.map((instance, n) => ({ ...instance, imageId: sourceIds[n] })),
  };
  const segmentations = new Map<string, SegmentationLike>();
  const listeners = new Map<string, Set<(p: { segmentationId?: string }) => void>>();
  const emit = (event: string, segmentationId: string) => listeners.get(event)?.forEach((l) => l({ segmentationId }));
  const colors = new Map<string, number[]>();
  const activeSegment = new Map<string, number>();
  const styles: FakeOhif['styles'] = [];
  const activeSegmentation = new Map<string, string>();
  const rerenderCalls: string[] = [];
  let nextSeg = 1;
  const EVENTS = {
    SEGMENTATION_DATA_MODIFIED: 'event::segmentation_data_modified', SEGMENTATION_MODIFIED: 'event::segmentation_modified',
    SEGMENTATION_REMOVED: 'event::segmentation_removed',
  };
  const segmentationService: SegmentationServiceLike = {
    EVENTS,
    getSegmentation: (id) => segmentations.get(id),
    async createLabelmapForDisplaySet(ds, options) {
      const segmentationId = options.segmentationId ?? `seg-${nextSeg++}`;
      const ids = (ds.imageIds ?? []).map((ref, n) => {
        const id = `derived:${segmentationId}/${n}`;
        const pixels = new Uint8Array(sliceSize);
        images.set(id, { imageId: id, rows, columns, referencedImageId: ref, getPixelData: () => pixels as never, voxelManager: { getScalarData: () => pixels } });
        return id;
      });
      const segments: SegmentationLike['segments'] = {};
      for (const [index, s] of Object.entries(options.segments ?? {})) {
        segments[Number(index)] = { segmentIndex: Number(index), label: s.label ?? '', ...(s.locked ? { locked: true } : {}) };
      }
      segmentations.set(segmentationId, { segmentationId, label: options.label, segments, representationData: { Labelmap: { imageIds: ids, referencedImageIds: ds.imageIds } } });
      return segmentationId;
    },
    async addSegmentationRepresentation() {},
    addSegment(id, config: SegmentConfig) {
      segmentations.get(id)!.segments[config.segmentIndex] = { segmentIndex: config.segmentIndex, label: config.label };
    },
    removeSegment(id, index) {
      delete segmentations.get(id)!.segments[index];
    },
    setSegmentLabel(id, index, label) {
      segmentations.get(id)!.segments[index]!.label = label;
    },
    setSegmentColor(_v, id, index, color) {
      rerenderCalls.push('setSegmentColor');
      colors.set(`${id}/${index}`, color);
    },
    getSegmentColor: (_v, id, index) => colors.get(`${id}/${index}`),
    setActiveSegment(id, index) {
      // Like Cornerstone: one segment flagged active, a missing one created unnamed.
      rerenderCalls.push('setActiveSegment');
      activeSegment.set(id, index);
      const segments = segmentations.get(id)!.segments;
      segments[index] ??= { segmentIndex: index, label: '' };
      for (const s of Object.values(segments)) if (s) s.active = s.segmentIndex === index;
    },
    setActiveSegmentation(viewportId, id) {
      rerenderCalls.push('setActiveSegmentation');
      activeSegment.set(`active:${viewportId}`, Number(id.replace(/\D/g, '')));
      activeSegmentation.set(viewportId, id);
    },
    getActiveSegmentation: (viewportId) => {
      const id = activeSegmentation.get(viewportId);
      return id === undefined ? undefined : { segmentationId: id };
    },
    setSegmentLocked(id, index, isLocked) {
      rerenderCalls.push('setSegmentLocked');
      const segment = segmentations.get(id)?.segments[index];
      if (segment) segment.locked = isLocked;
    },
    setSegmentVisibility() {},
    setStyle(specifier, style) {
      rerenderCalls.push('setStyle');
      styles.push({ specifier, style });
    },
    getStyle: (specifier) => [...styles].reverse().find((s) => JSON.stringify(s.specifier) === JSON.stringify(specifier))?.style,
    subscribe(event, callback) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(callback);
      return { unsubscribe: () => listeners.get(event)!.delete(callback) };
    },
  };
  // The stack viewport: it opens on its middle image, as our mode's hanging protocol asks.
  const viewport = {
    element: {} as HTMLDivElement,
    getImageIds: () => sourceIds,
    getCurrentImageId: () => sourceIds[fake.shownImageIndex],
  };
  const cs: CornerstoneLibraries = {
    cornerstone: {
      cache: { getImage: (id) => images.get(id) },
      imageLoader: { loadAndCacheImage: async (id) => images.get(id) ?? Promise.reject(new Error(`no image ${id}`)) },
      metaData: { get: (type, id) => (type === 'imagePlaneModule' ? planes.get(id) : undefined) },
      getEnabledElementByViewportId: (id) => (id === 'default' ? { viewport } : undefined),
      utilities: {
        async jumpToSlice(element, { imageIndex }) {
          if (element !== viewport.element) throw new Error('jumpToSlice: not the viewport element');
          fake.shownImageIndex = Math.max(0, Math.min(sourceIds.length - 1, imageIndex));
        },
      },
    },
    cornerstoneTools: {
      segmentation: { triggerSegmentationEvents: { triggerSegmentationDataModified: (id) => emit(EVENTS.SEGMENTATION_DATA_MODIFIED, id) } },
    },
  };
  const commands: FakeOhif['commands'] = [];
  const notifications: FakeOhif['notifications'] = [];
  const stored: ArrayBuffer[] = [];
  const dataSource: FakeOhif['dataSource'] = {
    store: {
      async dicom(dataset) {
        if (dataSource.failWith) throw dataSource.failWith;
        stored.push(dataset);
      },
    },
  };
  // OHIF 3.13's createStoreFunction: the instance goes into the metadata store (a display set, listed at once),
  // then the data source stores what `dicomDict.write()` gives.
  const listed: OhifDisplaySet[] = [displaySet, ...others];
  const storeFunction = async (dataset: Record<string, unknown>, options?: { dicomDict?: { write(): ArrayBuffer } }) => {
    const uid = String(dataset.SeriesInstanceUID);
    listed.push({ displaySetInstanceUID: `made-${uid}`, StudyInstanceUID: String(dataset.StudyInstanceUID), SeriesInstanceUID: uid, Modality: 'SEG' });
    await dataSource.store.dicom(options!.dicomDict!.write());
  };
  const ohif: OhifContext = {
    servicesManager: {
      services: {
        segmentationService,
        displaySetService: {
          getDisplaySetByUID: (uid) => listed.find((d) => d.displaySetInstanceUID === uid),
          getDisplaySetsForSeries: (uid) => listed.filter((d) => d.SeriesInstanceUID === uid),
          getActiveDisplaySets: () => [...listed],
          deleteDisplaySet: (uid) => void listed.splice(listed.findIndex((d) => d.displaySetInstanceUID === uid), 1),
        },
        viewportGridService: { getActiveViewportId: () => 'default', getDisplaySetsUIDsForViewport: () => ['ds-1'] },
        uiNotificationService: { show: (n) => void notifications.push(n) },
      },
    },
    commandsManager: {
      runCommand: (name, options) => {
        if (name === 'createStoreFunction') return fake.storeFunction ? storeFunction : undefined;
        commands.push({ name, options });
        return undefined;
      },
    },
    extensionManager: {
      getActiveDataSource: () => [dataSource],
      getModuleEntry: (id) => (id === '@ohif/extension-cornerstone.utilityModule.common' ? { exports: { getCornerstoneLibraries: () => cs } } : undefined),
    },
  };
  const labelImage = (segmentationId: string, k: number) => {
    const data = segmentations.get(segmentationId)!.representationData.Labelmap!;
    const n = data.referencedImageIds!.indexOf(`wadors:src/${k}`);
    return images.get(data.imageIds![n])!;
  };
  const fake: FakeOhif = {
    ohif, cs, displaySet, segmentations, images, commands, notifications, styles, colors, activeSegment, rerenderCalls, stored, dataSource,
    get listedSeries() {
      return listed.map((d) => d.SeriesInstanceUID);
    },
    storeFunction: true,
    shownImageIndex: Math.floor(slices / 2),
    paint(segmentationId, value, i, j, k) {
      labelImage(segmentationId, k).getPixelData()[i + j * columns] = value;
      cs.cornerstoneTools.segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(segmentationId);
    },
    resetSegments(segmentationId, segments) {
      segmentations.get(segmentationId)!.segments = segments;
      emit(EVENTS.SEGMENTATION_MODIFIED, segmentationId);
    },
    voxels(segmentationId) {
      const out = new Uint8Array(sliceSize * slices);
      for (let k = 0; k < slices; k++) out.set(Array.from(labelImage(segmentationId, k).getPixelData()).slice(0, sliceSize), k * sliceSize);
      return out;
    },
  };
  return fake;
}
