import { axisMapping, isIdentity, reorderVoxels } from '../../../src/volume/axisMapping';
import type { Geometry } from '../../../src/volume/Volume';

/** World position (LPS) of voxel (i, j, k) of a grid. */
function world(g: Geometry, i: number, j: number, k: number): number[] {
  const ijk = [i, j, k];
  return [0, 1, 2].map((r) => g.origin[r] + ijk.reduce((s, v, a) => s + v * g.spacing[a] * g.direction[3 * a + r], 0));
}

// The mr-brain-epi-63slices series grid (sagittal) and its dcm2niix NIfTI grid (rows stored bottom-up).
const dicom: Geometry = {
  dimensions: [4, 3, 2], spacing: [2.23, 2.23, 2.2], origin: [68.2, -96, 96], direction: [0, 1, 0, 0, 0, -1, -1, 0, 0],
};

/** The same voxels with axes permuted by `axis` and flipped by `flip` (the inverse of what axisMapping finds). */
function relabel(g: Geometry, axis: number[], flip: boolean[]): Geometry {
  const dims = axis.map((b) => g.dimensions[b]) as Geometry['dimensions'];
  const corner = [0, 0, 0];
  axis.forEach((b, a) => (corner[b] = flip[a] ? g.dimensions[b] - 1 : 0));
  const direction = axis.flatMap((b, a) => g.direction.slice(3 * b, 3 * b + 3).map((v) => (flip[a] ? -v : v) + 0));
  return {
    dimensions: dims,
    spacing: axis.map((b) => g.spacing[b]) as Geometry['spacing'],
    origin: world(g, corner[0], corner[1], corner[2]) as Geometry['origin'],
    direction: direction as Geometry['direction'],
  };
}

describe('axisMapping and reorderVoxels', () => {
  it('maps a grid onto itself with the identity', () => {
    const m = axisMapping(dicom, dicom)!;
    expect(m).toEqual({ axis: [0, 1, 2], flip: [false, false, false] });
    expect(isIdentity(m)).toBe(true);
  });

  it('finds the dcm2niix row flip and moves every voxel to the same place in space', () => {
    const nifti = relabel(dicom, [0, 1, 2], [false, true, false]);
    expect(nifti.origin[2]).toBeCloseTo(96 - 2 * 2.23);
    const m = axisMapping(nifti, dicom)!;
    expect(m).toEqual({ axis: [0, 1, 2], flip: [false, true, false] });
    expectSamePlaces(nifti, dicom);
  });

  it.each([
    [[2, 0, 1], [true, false, true]],
    [[1, 2, 0], [false, false, false]],
    [[2, 1, 0], [true, true, true]],
  ])('handles permutation %j with flips %j', (axis, flip) => {
    const other = relabel(dicom, axis, flip);
    expect(axisMapping(other, dicom)).toEqual({ axis, flip });
    expectSamePlaces(other, dicom);
  });

  it('refuses grids that are not the same voxels: shifted, other spacing, other size, rotated', () => {
    const flipped = relabel(dicom, [0, 1, 2], [false, true, false]);
    expect(axisMapping({ ...flipped, origin: [68.2, -96, 96] }, dicom)).toBeUndefined(); // flip without moving origin
    expect(axisMapping({ ...dicom, origin: [68.2, -95.5, 96] }, dicom)).toBeUndefined();
    expect(axisMapping({ ...dicom, spacing: [2.23, 2.23, 2.5] }, dicom)).toBeUndefined();
    expect(axisMapping({ ...dicom, dimensions: [4, 3, 3] }, dicom)).toBeUndefined();
    const c = Math.SQRT1_2;
    expect(axisMapping({ ...dicom, direction: [0, c, c, 0, c, -c, -1, 0, 0] }, dicom)).toBeUndefined();
    // Two source axes along one target axis.
    expect(axisMapping({ ...dicom, direction: [0, 1, 0, 0, 1, 0, -1, 0, 0] }, dicom)).toBeUndefined();
  });

  it('accepts float32 rounding of the geometry (0.01 mm)', () => {
    const nifti = relabel(dicom, [0, 1, 2], [false, true, false]);
    const rounded = { ...nifti, origin: nifti.origin.map((v) => Math.fround(v)) as Geometry['origin'], spacing: nifti.spacing.map(Math.fround) as Geometry['spacing'] };
    expect(axisMapping(rounded, dicom)).toBeDefined();
  });
});

/** Each source voxel, after reorderVoxels, sits at a target index whose world position is the source voxel's. */
function expectSamePlaces(source: Geometry, target: Geometry): void {
  const [ni, nj, nk] = source.dimensions;
  const ids = Float32Array.from({ length: ni * nj * nk }, (_, n) => n);
  const moved = reorderVoxels(ids, source.dimensions, target.dimensions, axisMapping(source, target)!);
  const [ti, tj] = target.dimensions;
  for (let n = 0; n < moved.length; n++) {
    const [i, j, k] = [n % ti, Math.floor(n / ti) % tj, Math.floor(n / (ti * tj))];
    const s = moved[n];
    const [si, sj, sk] = [s % ni, Math.floor(s / ni) % nj, Math.floor(s / (ni * nj))];
    const a = world(target, i, j, k);
    const b = world(source, si, sj, sk);
    a.forEach((v, r) => expect(v).toBeCloseTo(b[r], 6));
  }
  expect(new Set(moved).size).toBe(moved.length);
}
