/**
 * Pure mapping from a Cornerstone 5 labelmap (per-slice images, possibly several layers) to segment indices on the
 * source grid. Cornerstone 5 may keep a segment on another layer with its own stored value ("segment bindings"), so
 * a stored value is translated per layer: layer.labelToSegmentIndex, then segmentBindings, then the value itself.
 */
import type { LabelmapDataLike, LabelmapLayerLike } from './types';

/** One stack layer with its per-slice images and the source image each belongs to. */
export interface StackLayer {
  labelmapId: string;
  imageIds: string[];
  /** Source image id per labelmap image (same index), when Cornerstone recorded it. */
  referencedImageIds?: string[];
  /** Stored value → segment index for this layer. */
  valueToSegment: (value: number) => number;
}

/** The stack layers of a labelmap, legacy single-layer data included. Volume-backed layers are reported apart. */
export function stackLayersOf(data: LabelmapDataLike): { layers: StackLayer[]; volumeLayerIds: string[] } {
  const bindings = data.segmentBindings ?? {};
  const layerList: LabelmapLayerLike[] = data.labelmaps && Object.keys(data.labelmaps).length > 0
    ? Object.values(data.labelmaps)
    : [{ labelmapId: data.primaryLabelmapId ?? 'primary', imageIds: data.imageIds, referencedImageIds: data.referencedImageIds, volumeId: data.volumeId }];
  const layers: StackLayer[] = [];
  const volumeLayerIds: string[] = [];
  for (const layer of layerList) {
    if (!layer.imageIds || layer.imageIds.length === 0) {
      if (layer.volumeId) volumeLayerIds.push(layer.labelmapId);
      continue;
    }
    const byBinding = new Map<number, number>();
    for (const [segmentIndex, b] of Object.entries(bindings)) {
      if (b && b.labelmapId === layer.labelmapId) byBinding.set(b.labelValue, Number(segmentIndex));
    }
    const own = layer.labelToSegmentIndex;
    layers.push({
      labelmapId: layer.labelmapId,
      imageIds: layer.imageIds,
      referencedImageIds: layer.referencedImageIds,
      valueToSegment: (v) => own?.[v] ?? byBinding.get(v) ?? v,
    });
  }
  return { layers, volumeLayerIds };
}

/**
 * Writes one labelmap slice into a volume-sized array: every non-zero stored value becomes
 * `segmentToValue(valueToSegment(stored))` (0 drops the voxel); later layers overwrite earlier ones.
 * @param target flat array `i + j*columns + k*columns*rows`; `slice` holds columns*rows values, row-major.
 */
export function mergeSlice(
  target: Uint8Array, slice: ArrayLike<number>, k: number, sliceSize: number,
  valueToSegment: (v: number) => number, segmentToValue: (segment: number) => number,
): number {
  let written = 0;
  const offset = k * sliceSize;
  for (let p = 0; p < sliceSize; p++) {
    const stored = slice[p];
    if (stored === 0) continue;
    const value = segmentToValue(valueToSegment(stored));
    if (value !== 0) {
      target[offset + p] = value;
      written++;
    }
  }
  return written;
}
