import type { OhifDisplaySet, OhifServices } from './types';
import { NotAnImageVolumeError, ViewerNotReadyError } from './OhifBoundaryError';

export const NON_IMAGE_MODALITIES = new Set(['SEG', 'RTSTRUCT', 'SR', 'PR', 'KO', 'RTPLAN', 'RTDOSE', 'DOC', 'ECG']);

/** The active viewport and the image display set it shows (the series that training reads and SEGs reference). */
export interface ActiveImage {
  viewportId: string;
  displaySet: OhifDisplaySet;
}

/** Finds the active viewport's image display set; throws a clear error when it shows no image series. */
export function activeImageDisplaySet(services: Pick<OhifServices, 'viewportGridService' | 'displaySetService'>): ActiveImage {
  const viewportId = services.viewportGridService.getActiveViewportId();
  if (!viewportId) throw new ViewerNotReadyError('No active viewport: click the viewport that shows the series to segment.');
  const uids = services.viewportGridService.getDisplaySetsUIDsForViewport(viewportId) ?? [];
  const displaySets = uids.map((uid) => services.displaySetService.getDisplaySetByUID(uid)).filter((d): d is OhifDisplaySet => d !== undefined);
  const image = displaySets.find((d) => !NON_IMAGE_MODALITIES.has(String(d.Modality ?? '')) && (d.imageIds?.length ?? 0) > 0);
  if (!image) {
    const shown = displaySets.map((d) => d.Modality ?? '?').join(', ') || 'nothing';
    throw new NotAnImageVolumeError(
      `The active viewport shows ${shown}, not an image series: drag an MR or CT series into the viewport, then try again.`,
    );
  }
  return { viewportId, displaySet: image };
}
