import { stackGeometry } from '../../../../extension/ohif/stackGeometry';
import { NotAnImageVolumeError } from '../../../../extension/ohif/OhifBoundaryError';
import type { ImagePlaneLike } from '../../../../extension/ohif/types';

/** Axial planes at z positions, 4 columns × 3 rows, pixel spacing 0.5 (rows) × 0.8 (columns). */
const plane = (z: number, over: Partial<ImagePlaneLike> = {}): ImagePlaneLike => ({
  rows: 3, columns: 4, imagePositionPatient: [10, 20, z], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0],
  rowPixelSpacing: 0.5, columnPixelSpacing: 0.8, ...over,
});

describe('stackGeometry', () => {
  it('sorts slices along the normal whatever the input order, spacing from positions', () => {
    const { geometry, order, warnings } = stackGeometry([plane(6), plane(0), plane(3)]);
    expect(order).toEqual([1, 2, 0]);
    expect(geometry).toEqual({
      dimensions: [4, 3, 3], spacing: [0.8, 0.5, 3], origin: [10, 20, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
    expect(warnings).toEqual([]);
  });

  it('uses the row × column normal (sagittal: normal along -x for these cosines)', () => {
    const sag = (x: number) => plane(0, { imagePositionPatient: [x, 0, 0], rowCosines: [0, 1, 0], columnCosines: [0, 0, -1] });
    const { geometry, order } = stackGeometry([sag(-2), sag(2), sag(0)]);
    expect(geometry.direction.slice(6)).toEqual([-1, 0, 0]);
    expect(order).toEqual([1, 2, 0]); // x = 2, 0, -2 : ascending along -x
  });

  it('warns about irregular spacing but keeps going', () => {
    const { warnings, geometry } = stackGeometry([plane(0), plane(1), plane(3)]);
    expect(geometry.spacing[2]).toBe(1.5);
    expect(warnings[0]).toMatch(/varies by up to 33 %/);
  });

  it('refuses what is not one image volume, saying why', () => {
    expect(() => stackGeometry([])).toThrow(NotAnImageVolumeError);
    expect(() => stackGeometry([plane(0), plane(1, { columns: 5 })])).toThrow(/Slice 2 is 5×3 pixels but slice 1 is 4×3/);
    expect(() => stackGeometry([plane(0), plane(1, { rowCosines: [0, 1, 0], columnCosines: [1, 0, 0] })])).toThrow(/oriented differently/);
    expect(() => stackGeometry([plane(0), plane(0)])).toThrow(/share one position/);
    expect(() => stackGeometry([plane(0), undefined as unknown as ImagePlaneLike])).toThrow(/no image plane geometry/);
  });
});
