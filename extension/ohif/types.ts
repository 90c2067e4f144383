/**
 * The few OHIF 3.13 / Cornerstone3D 5.6.8 interfaces the extension calls, written out because the host's packages
 * are not bundled (docs/ohif-runtime-plugins.md, rule 1). Only fields we read or call are listed.
 */

/** An OHIF display set of an image series (naturalized instance metadata, no pixel data). */
export interface OhifDisplaySet {
  displaySetInstanceUID: string;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  Modality?: string;
  SeriesNumber?: number | string;
  SeriesDescription?: string;
  /** Cornerstone image ids, one per slice/frame, in the display set's order. */
  imageIds?: string[];
  /** Naturalized DICOM instances (OHIF's instance metadata), any order. */
  instances?: Record<string, unknown>[];
  isReconstructable?: boolean;
}

/** One labelmap layer (Cornerstone 5 can spread one segmentation's segments over several layers). */
export interface LabelmapLayerLike {
  labelmapId: string;
  storageKind?: 'volume' | 'stack';
  imageIds?: string[];
  referencedImageIds?: string[];
  volumeId?: string;
  /** Stored value → segment index, when the layer has its own numbering. */
  labelToSegmentIndex?: Record<number, number>;
}

/** Cornerstone labelmap representation data (legacy top-level fields plus 5.x layers and bindings). */
export interface LabelmapDataLike {
  imageIds?: string[];
  referencedImageIds?: string[];
  volumeId?: string;
  labelmaps?: Record<string, LabelmapLayerLike>;
  segmentBindings?: Record<number, { labelmapId: string; labelValue: number }>;
  primaryLabelmapId?: string;
}

/** A Cornerstone segmentation as `segmentationService.getSegmentation` returns it. */
export interface SegmentationLike {
  segmentationId: string;
  label?: string;
  segments: Record<number, { segmentIndex: number; label: string; active?: boolean; locked?: boolean } | undefined>;
  representationData: { Labelmap?: LabelmapDataLike };
}

/** Segment properties accepted by addSegment. */
export interface SegmentConfig {
  segmentIndex: number;
  label: string;
  color?: number[];
  isLocked?: boolean;
  active?: boolean;
}

/** Style specifier of Cornerstone's segmentation style API (OHIF passes it through). */
export interface StyleSpecifier {
  viewportId?: string;
  segmentationId?: string;
  type?: 'Labelmap';
  segmentIndex?: number;
}

/** OHIF's segmentationService (3.13), the calls we make. */
export interface SegmentationServiceLike {
  EVENTS: { SEGMENTATION_DATA_MODIFIED: string; SEGMENTATION_MODIFIED: string; SEGMENTATION_REMOVED: string };
  getSegmentation(segmentationId: string): SegmentationLike | undefined;
  createLabelmapForDisplaySet(
    displaySet: OhifDisplaySet,
    options: { segmentationId?: string; label?: string; segments?: Record<number, Partial<{ segmentIndex: number; label: string; active: boolean; locked: boolean }>> },
  ): Promise<string>;
  addSegmentationRepresentation(viewportId: string, options: { segmentationId: string; type?: 'Labelmap' }): Promise<void>;
  addSegment(segmentationId: string, config: SegmentConfig): void;
  removeSegment(segmentationId: string, segmentIndex: number, options?: { skipRecordingHistory?: boolean }): void;
  setSegmentLabel(segmentationId: string, segmentIndex: number, label: string): void;
  setSegmentColor(viewportId: string, segmentationId: string, segmentIndex: number, color: number[]): void;
  getSegmentColor?(viewportId: string, segmentationId: string, segmentIndex: number): number[] | undefined;
  setActiveSegment(segmentationId: string, segmentIndex: number): void;
  setActiveSegmentation(viewportId: string, segmentationId: string): void;
  getActiveSegmentation?(viewportId: string): { segmentationId: string } | null | undefined;
  setSegmentLocked(segmentationId: string, segmentIndex: number, isLocked: boolean): void;
  setSegmentVisibility(viewportId: string, segmentationId: string, segmentIndex: number, isVisible: boolean): void;
  setStyle(specifier: StyleSpecifier, style: Record<string, unknown>, merge?: boolean): void;
  getStyle?(specifier: StyleSpecifier): { fillAlpha?: number; fillAlphaInactive?: number } | undefined;
  subscribe(event: string, callback: (payload: { segmentationId?: string }) => void): { unsubscribe(): void };
}

/** OHIF's displaySetService. */
export interface DisplaySetServiceLike {
  getDisplaySetByUID(displaySetInstanceUID: string): OhifDisplaySet | undefined;
  getDisplaySetsForSeries?(seriesInstanceUID: string): OhifDisplaySet[] | undefined;
  getActiveDisplaySets?(): OhifDisplaySet[];
  EVENTS?: { DISPLAY_SETS_ADDED: string; DISPLAY_SETS_CHANGED: string };
  subscribe?(event: string, callback: () => void): { unsubscribe(): void };
  deleteDisplaySet?(displaySetInstanceUID: string): void;
}

/** OHIF's viewportGridService. */
export interface ViewportGridServiceLike {
  getActiveViewportId(): string;
  getDisplaySetsUIDsForViewport(viewportId: string): string[] | undefined;
}

/** OHIF's uiNotificationService. */
export interface UiNotificationServiceLike {
  show(options: { title: string; message: string; type?: 'success' | 'info' | 'warning' | 'error'; duration?: number }): void;
}

/** OHIF's hangingProtocolService (a protocol by id; it throws for an unknown id). */
export interface HangingProtocolServiceLike {
  getProtocolById(protocolId: string): unknown;
}

/** The services we use from OHIF's servicesManager. */
export interface OhifServices {
  segmentationService: SegmentationServiceLike;
  displaySetService: DisplaySetServiceLike;
  viewportGridService: ViewportGridServiceLike;
  hangingProtocolService?: HangingProtocolServiceLike;
  uiNotificationService?: UiNotificationServiceLike;
}

/** OHIF's servicesManager. */
export interface ServicesManagerLike {
  services: OhifServices;
}

/** OHIF's commandsManager. */
export interface CommandsManagerLike {
  runCommand(commandName: string, options?: Record<string, unknown>, contextName?: string): unknown;
}

/** An OHIF data source (the active one sends our SEG, with the site's auth headers). */
export interface DataSourceLike {
  store: { dicom(dataset: ArrayBuffer): Promise<unknown> };
  /** Cornerstone image ids of a display set (also of one no viewport shows yet). */
  getImageIdsForDisplaySet?(displaySet: OhifDisplaySet): string[];
  getConfig?(): { name?: string; wadoRoot?: string } | undefined;
}

/** OHIF's extensionManager. */
export interface ExtensionManagerLike {
  getActiveDataSource(): DataSourceLike[];
  getModuleEntry(id: string): { exports?: Record<string, unknown> } | undefined;
}

/** A Cornerstone image (IImage), the fields we read or write. */
export interface CornerstoneImageLike {
  imageId: string;
  rows: number;
  columns: number;
  getPixelData(): ArrayLike<number> & { [i: number]: number; set?(a: ArrayLike<number>, offset?: number): void };
  referencedImageId?: string;
  slope?: number;
  intercept?: number;
  preScale?: { enabled?: boolean; scaled?: boolean };
  voxelManager?: { getScalarData(): ArrayLike<number> & { [i: number]: number } };
}

/** Cornerstone's `imagePlaneModule` metadata of one image. */
export interface ImagePlaneLike {
  rows: number;
  columns: number;
  imagePositionPatient: number[];
  rowCosines: number[];
  columnCosines: number[];
  /** Spacing between rows (PixelSpacing[0]) and between columns (PixelSpacing[1]), mm. */
  rowPixelSpacing: number;
  columnPixelSpacing: number;
  sliceThickness?: number;
}

/** A Cornerstone viewport (stack or volume), the calls we make. */
export interface ViewportLike {
  element?: HTMLDivElement;
  /** The images it scrolls through, in its order. */
  getImageIds?(): string[];
  /** The image shown now. */
  getCurrentImageId?(): string | undefined;
}

/** The host's Cornerstone core and tools (from getCornerstoneLibraries), the calls we make. */
export interface CornerstoneLibraries {
  cornerstone: {
    cache: { getImage(imageId: string): CornerstoneImageLike | undefined };
    imageLoader: {
      /** Cornerstone's cached load; a load in flight for another request is shared. It can resolve to nothing (readSourceVolume.ts). */
      loadAndCacheImage(imageId: string): Promise<CornerstoneImageLike | undefined>;
      /** A load past the cache with `ignoreCache`. */
      loadImage?(imageId: string, options: { ignoreCache: boolean; priority: number; requestType: string }):
        Promise<CornerstoneImageLike | undefined>;
    };
    metaData: { get(type: string, imageId: string): unknown };
    /** The rendering viewport, once OHIF has mounted it. */
    getEnabledElementByViewportId(viewportId: string): { viewport?: ViewportLike } | undefined;
    /** Scrolls a stack or volume viewport to an image index (Cornerstone3D's `utilities.jumpToSlice`). */
    utilities?: { jumpToSlice?(element: HTMLDivElement, options: { imageIndex: number }): Promise<unknown> };
  };
  cornerstoneTools: {
    segmentation: {
      triggerSegmentationEvents: { triggerSegmentationDataModified(segmentationId: string, modifiedSlicesToUse?: number[]): void };
    };
  };
}

/** Everything OHIF hands an extension (the parts we use). */
export interface OhifContext {
  servicesManager: ServicesManagerLike;
  commandsManager: CommandsManagerLike;
  extensionManager: ExtensionManagerLike;
}
