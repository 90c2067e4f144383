/** Which series may be extra channels of another: the same grid to 0.01 mm (and 1e-3 in direction cosines). */
import { gridDifference } from '../../../../extension/ohif/sameGrid';
import type { Geometry } from '../../../../src/volume/Volume';

const grid: Geometry = { dimensions: [91, 106, 87], spacing: [2, 2, 2], origin: [-90.5, -91.5, -70.5], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

describe('gridDifference', () => {
  it('finds none for the same grid, also with float rounding of positions', () => {
    expect(gridDifference(grid, { ...grid })).toBeUndefined();
    expect(gridDifference(grid, { ...grid, origin: [-90.504, -91.5, -70.496], spacing: [2.004, 2, 2] })).toBeUndefined();
  });

  it('names the first field that differs', () => {
    expect(gridDifference(grid, { ...grid, dimensions: [91, 106, 86] })).toBe('dimensions [91, 106, 86] vs [91, 106, 87]');
    expect(gridDifference(grid, { ...grid, spacing: [2, 2, 2.5] })).toMatch(/^spacing/);
    // A T2 shifted by half a voxel, or acquired in another orientation, is not voxel-aligned.
    expect(gridDifference(grid, { ...grid, origin: [-89.5, -91.5, -70.5] })).toMatch(/^origin/);
    expect(gridDifference(grid, { ...grid, direction: [1, 0, 0, 0, 0, 1, 0, -1, 0] })).toMatch(/^direction/);
    expect(gridDifference(grid, { ...grid, origin: [NaN, -91.5, -70.5] })).toMatch(/^origin/);
  });
});
