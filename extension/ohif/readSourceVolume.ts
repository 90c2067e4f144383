/**
 * Reads the active series from the host Cornerstone: its grid from image-plane metadata (cheap, no pixels) and its
 * voxels from the image loader / cache into an engine Volume. One of the three files that touch Cornerstone's cache
 * (with readScribbles.ts and writePrediction.ts).
 */
import type { Geometry, Volume } from '../../src/volume/Volume';
import type { CornerstoneImageLike, CornerstoneLibraries, ImagePlaneLike, OhifDisplaySet } from './types';
import { stackGeometry } from './stackGeometry';
import { NotAnImageVolumeError, ViewerNotReadyError } from './OhifBoundaryError';

/** The source series' grid and how its slices map to Cornerstone image ids. */
export interface SourceGrid {
  geometry: Geometry;
  /** Cornerstone image id of slice k. */
  imageIdBySlice: string[];
  /** k of each source image id. */
  sliceByImageId: Map<string, number>;
  warnings: string[];
}

/** The grid of `displaySet` from Cornerstone's imagePlaneModule metadata. Throws NotAnImageVolumeError. */
export function readSourceGrid(cs: CornerstoneLibraries, displaySet: OhifDisplaySet): SourceGrid {
  const imageIds = displaySet.imageIds ?? [];
  const planes = imageIds.map((id) => cs.cornerstone.metaData.get('imagePlaneModule', id) as ImagePlaneLike);
  const { geometry, order, warnings } = stackGeometry(planes);
  const imageIdBySlice = order.map((n) => imageIds[n]);
  return { geometry, imageIdBySlice, sliceByImageId: new Map(imageIdBySlice.map((id, k) => [id, k])), warnings };
}

function toRealWorld(image: CornerstoneImageLike, target: Float32Array, offset: number, sliceSize: number): void {
  const pixels = image.getPixelData();
  const scaled = image.preScale?.scaled === true; // the loader already applied the modality LUT
  const slope = scaled ? 1 : image.slope ?? 1;
  const intercept = scaled ? 0 : image.intercept ?? 0;
  if (image.rows * image.columns !== sliceSize || pixels.length !== sliceSize) {
    throw new NotAnImageVolumeError(
      `Image ${image.imageId} has ${pixels.length} values for ${image.columns}×${image.rows} pixels, expected ${sliceSize} ` +
        'greyscale values: colour images cannot be trained on. Choose a greyscale MR or CT series.',
    );
  }
  for (let p = 0; p < sliceSize; p++) target[offset + p] = pixels[p] * slope + intercept;
}

/**
 * Slice k's image from Cornerstone's cache or its loader. In one of twelve timed viewer runs of the demo study (Train
 * clicked right after painting, while the viewer still prefetched the series) the cached load resolved to nothing and
 * training failed on "Cannot read properties of undefined" (the WADO-RS loader's promise can resolve empty when its
 * decode loop ends without a full image: BENCHMARKS.md, "A slice with no image"). Such a slice is loaded once more past
 * the cache, and a slice that still has no pixels stops the run with a message that says what to do.
 */
async function loadSlice(cs: CornerstoneLibraries, imageId: string, k: number, slices: number): Promise<CornerstoneImageLike> {
  const { imageLoader } = cs.cornerstone;
  const hasPixels = (image: CornerstoneImageLike | undefined): image is CornerstoneImageLike => typeof image?.getPixelData === 'function';
  const cached = await imageLoader.loadAndCacheImage(imageId);
  if (hasPixels(cached)) return cached;
  const fresh = await imageLoader.loadImage?.(imageId, { ignoreCache: true, priority: 0, requestType: 'interaction' });
  if (hasPixels(fresh)) return fresh;
  throw new ViewerNotReadyError(
    `The viewer gave no pixels for slice ${k + 1} of ${slices} of this series (image ${imageId}). Scroll through the ` +
      'series until every slice shows, then Train again; your scribbles are kept.',
  );
}

/**
 * Loads (or takes from the cache) every slice and builds the volume: one channel of real-world values (modality
 * rescale applied), flat `i + j*columns + k*columns*rows`. The channel is a fresh array the caller owns (it can be
 * transferred to the worker).
 */
export async function readSourceVolume(cs: CornerstoneLibraries, grid: SourceGrid, channelName = 'image'): Promise<Volume> {
  const [columns, rows, slices] = grid.geometry.dimensions;
  const sliceSize = columns * rows;
  const data = new Float32Array(sliceSize * slices);
  const images = await Promise.all(grid.imageIdBySlice.map((id, k) => loadSlice(cs, id, k, slices)));
  images.forEach((image, k) => toRealWorld(image, data, k * sliceSize, sliceSize));
  return { ...grid.geometry, channels: [data], channelNames: [channelName] };
}
