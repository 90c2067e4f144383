/**
 * Reads the clinician's scribbles (our scribble segmentation in OHIF) into an engine Labelmap on the source grid.
 * One of the three files that touch segmentationService / Cornerstone's cache.
 */
import type { Geometry, Labelmap } from '../../src/volume/Volume';
import type { CornerstoneLibraries, SegmentationServiceLike } from './types';
import { mergeSlice, stackLayersOf } from './labelmapLayers';
import { NotAnImageVolumeError, ViewerNotReadyError } from './OhifBoundaryError';

/**
 * Scribble voxels per panel class value (segment index), on `geometry`'s grid.
 * @param sliceByImageId k of each source image id (from readSourceVolume).
 * @param segmentToValue segment index → labelmap value (e.g. panel value → engine value; 0 drops it).
 */
export function readScribbles(
  cs: CornerstoneLibraries, segmentationService: SegmentationServiceLike, segmentationId: string, geometry: Geometry,
  sliceByImageId: Map<string, number>, segmentToValue: (segment: number) => number = (s) => s,
): Labelmap {
  const segmentation = segmentationService.getSegmentation(segmentationId);
  const data = segmentation?.representationData.Labelmap;
  if (!segmentation || !data) {
    throw new ViewerNotReadyError(`The scribble segmentation ${segmentationId} is gone from the viewer: choose a class and paint again.`);
  }
  const { layers, volumeLayerIds } = stackLayersOf(data);
  if (layers.length === 0) {
    throw new NotAnImageVolumeError(
      `The scribbles are held as a volume labelmap (${volumeLayerIds.join(', ') || 'no layers'}), expected per-slice images: ` +
        'paint in a stack (non-MPR) viewport.',
    );
  }
  const [columns, rows] = geometry.dimensions;
  const sliceSize = columns * rows;
  const out = new Uint8Array(sliceSize * geometry.dimensions[2]);
  for (const layer of layers) {
    layer.imageIds.forEach((labelmapImageId, n) => {
      const image = cs.cornerstone.cache.getImage(labelmapImageId);
      if (!image) return; // slice never painted nor loaded: nothing scribbled there
      const referenced = layer.referencedImageIds?.[n] ?? image.referencedImageId;
      const k = referenced !== undefined ? sliceByImageId.get(referenced) : undefined;
      if (k === undefined) return; // belongs to another series
      const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
      if (pixels.length < sliceSize) return;
      mergeSlice(out, pixels, k, sliceSize, layer.valueToSegment, segmentToValue);
    });
  }
  return { ...geometry, data: out };
}
