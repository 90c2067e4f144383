import { sliceGeometry, type SliceGeometry } from '../io/dicom/sliceGeometry';
import { framesOf, isImageInstance } from '../io/dicom/sourceFrames';
import type { NaturalizedDataset } from '../io/dicom/dcmjs';
import { axisMapping, isIdentity, reorderVoxels } from '../volume/axisMapping';
import type { Geometry, Labelmap } from '../volume/Volume';
import { GeometryMismatchError, SegmentationError } from './SegmentationError';

/**
 * The source series' grid, computed from its instance metadata (any order, no pixel data needed: OHIF's
 * `displaySet.instances` work) with the same ordering rules as the series reader.
 * @throws SegmentationError when no instance is an image with geometry.
 */
export function sourceGrid(instances: NaturalizedDataset[]): SliceGeometry {
  const images = instances.filter(isImageInstance);
  if (images.length === 0) {
    throw new SegmentationError(
      `sourceInstances: none of the ${instances.length} instance(s) is an image with Rows/Columns; pass the metadata of the segmented image series.`,
    );
  }
  return sliceGeometry(images.flatMap((instance, n) => framesOf(instance, instances.indexOf(images[n]))));
}

/**
 * Asserts the labelmap lies on the source grid: same dimensions, and spacing, origin and direction equal within
 * `toleranceMm` (positions) or 1e-3 (cosines).
 * @throws GeometryMismatchError naming the first differing field.
 */
export function assertSameGrid(labelmap: Geometry, source: Geometry, toleranceMm = 0.01): void {
  const fail = (what: string, got: unknown, expected: unknown) => {
    throw new GeometryMismatchError(
      `labelmap ${what} is ${JSON.stringify(got)} but the source series has ${JSON.stringify(expected)}. ` +
        'The labelmap must cover the source grid voxel for voxel (axis order and flips may differ; resample it onto the series first).',
    );
  };
  if (labelmap.dimensions.some((d, n) => d !== source.dimensions[n])) fail('dimensions', labelmap.dimensions, source.dimensions);
  const check = (key: 'spacing' | 'origin' | 'direction', tolerance: number) => {
    if (labelmap[key].some((v, n) => Math.abs(v - source[key][n]) > tolerance)) fail(key, labelmap[key], source[key]);
  };
  check('spacing', toleranceMm);
  check('origin', toleranceMm);
  check('direction', 1e-3);
}

/**
 * A function that moves voxel data laid out on `grid` onto `source`: the identity when the grids match, a
 * reordering when `grid` holds the same voxels with axes swapped or flipped (dcm2niix/ITK-SNAP/FSL label images
 * of a DICOM series).
 * @throws GeometryMismatchError (see {@link assertSameGrid}) when it is another grid.
 */
export function reorderOntoGrid(grid: Geometry, source: Geometry, toleranceMm = 0.01): <T extends Uint8Array | Float32Array>(data: T) => T {
  const mapping = axisMapping(grid, source, toleranceMm);
  if (!mapping) assertSameGrid(grid, source, toleranceMm);
  if (!mapping || isIdentity(mapping)) return (data) => data;
  return (data) => reorderVoxels(data, grid.dimensions, source.dimensions, mapping);
}

/** The labelmap moved onto the source grid with {@link reorderOntoGrid}, taking the source's exact geometry. */
export function labelmapOnGrid(labelmap: Labelmap, source: Geometry, toleranceMm = 0.01): Labelmap {
  const reorder = reorderOntoGrid(labelmap, source, toleranceMm);
  const { dimensions, spacing, origin, direction } = source;
  return {
    dimensions: [...dimensions], spacing: [...spacing], origin: [...origin], direction: [...direction],
    data: reorder(labelmap.data),
  };
}
