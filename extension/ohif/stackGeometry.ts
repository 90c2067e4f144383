/**
 * Pure geometry of a stack of image planes (Cornerstone `imagePlaneModule` per slice) → the engine's Geometry and
 * the slice order. Slices are sorted by position along the normal (row × column cosines), ascending, so k grows
 * along the normal like Cornerstone's volumes.
 */
import type { Geometry } from '../../src/volume/Volume';
import type { ImagePlaneLike } from './types';
import { NotAnImageVolumeError } from './OhifBoundaryError';

/** The geometry and, for each k, the index of that slice in the input list. */
export interface StackGeometry {
  geometry: Geometry;
  /** order[k] = input index of slice k. */
  order: number[];
  /** Usable-but-odd findings (irregular spacing), for the panel's notice. */
  warnings: string[];
}

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function checkSameGrid(planes: ImagePlaneLike[]): void {
  const first = planes[0];
  planes.forEach((p, n) => {
    if (p.rows !== first.rows || p.columns !== first.columns) {
      throw new NotAnImageVolumeError(
        `Slice ${n + 1} is ${p.columns}×${p.rows} pixels but slice 1 is ${first.columns}×${first.rows}: training needs one ` +
          'image volume with equal slices. Choose a single regular series (not a localizer or a mixed series).',
      );
    }
    if (Math.abs(dot(p.rowCosines, first.rowCosines)) < 0.999 || Math.abs(dot(p.columnCosines, first.columnCosines)) < 0.999) {
      throw new NotAnImageVolumeError(
        `Slice ${n + 1} is oriented differently from slice 1 (ImageOrientationPatient differs): training needs parallel ` +
          'slices. Choose a single-orientation series.',
      );
    }
  });
}

/**
 * Computes geometry and order. Spacing k is the mean distance between sorted slice positions (SliceThickness or
 * 1 mm for a single slice). Throws NotAnImageVolumeError for no slices, unequal sizes, mixed orientations or two
 * slices at one position; irregular spacing (>10 % from the mean) only warns.
 */
export function stackGeometry(planes: ImagePlaneLike[]): StackGeometry {
  if (planes.length === 0) {
    throw new NotAnImageVolumeError('The viewport shows no image slices: open an MR or CT series in the active viewport.');
  }
  planes.forEach((p, n) => {
    if (!p || !Array.isArray(p.imagePositionPatient) || !Array.isArray(p.rowCosines) || !(p.rowPixelSpacing > 0)) {
      throw new NotAnImageVolumeError(
        `Slice ${n + 1} has no image plane geometry (ImagePositionPatient / ImageOrientationPatient / PixelSpacing): ` +
          'this is not a cross-sectional image series. Choose an MR or CT series.',
      );
    }
  });
  checkSameGrid(planes);
  const first = planes[0];
  const normal = cross(first.rowCosines, first.columnCosines);
  const positions = planes.map((p) => dot(p.imagePositionPatient, normal));
  const order = positions.map((_, n) => n).sort((a, b) => positions[a] - positions[b]);
  const gaps = order.slice(1).map((n, k) => positions[n] - positions[order[k]]);
  const warnings: string[] = [];
  if (gaps.some((g) => g < 1e-3)) {
    throw new NotAnImageVolumeError(
      'Two slices share one position: the series holds several volumes (e.g. echoes or time points). Choose a series with one volume.',
    );
  }
  const meanGap = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : first.sliceThickness && first.sliceThickness > 0 ? first.sliceThickness : 1;
  const worst = gaps.reduce((m, g) => Math.max(m, Math.abs(g - meanGap) / meanGap), 0);
  if (worst > 0.1) warnings.push(`Slice spacing varies by up to ${(worst * 100).toFixed(0)} % around ${meanGap.toFixed(2)} mm; training treats it as regular.`);
  const base = planes[order[0]];
  const geometry: Geometry = {
    dimensions: [first.columns, first.rows, planes.length],
    spacing: [first.columnPixelSpacing, first.rowPixelSpacing, meanGap],
    origin: [base.imagePositionPatient[0], base.imagePositionPatient[1], base.imagePositionPatient[2]],
    direction: [
      first.rowCosines[0], first.rowCosines[1], first.rowCosines[2],
      first.columnCosines[0], first.columnCosines[1], first.columnCosines[2],
      normal[0], normal[1], normal[2],
    ],
  };
  return { geometry, order, warnings };
}
