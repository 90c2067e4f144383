/**
 * The demo study opens in the radiological view (issue 13: it opened with the back of the head at the top): the
 * in-plane axes are stored along +x (patient left) and +y (posterior), and every voxel keeps its patient position.
 */
const { radiologicalInPlane } = require('../../../scripts/lib/demoStudy') as {
  radiologicalInPlane(v: Vol): Vol;
};

interface Vol { dimensions: number[]; spacing: number[]; origin: number[]; direction: number[]; channels: Float32Array[] }

const position = (v: Vol, i: number, j: number, k: number) =>
  [0, 1, 2].map((x) => v.origin[x] + i * v.spacing[0] * v.direction[x] + j * v.spacing[1] * v.direction[3 + x] + k * v.spacing[2] * v.direction[6 + x]);

/** Value at a patient position (nearest voxel), by searching the grid: independent of the code under test. */
function valueAt(v: Vol, p: number[]): number {
  const [c, r, s] = v.dimensions;
  for (let k = 0; k < s; k++)
    for (let j = 0; j < r; j++)
      for (let i = 0; i < c; i++) if (position(v, i, j, k).every((x, a) => Math.abs(x - p[a]) < 1e-6)) return v.channels[0][i + j * c + k * c * r];
  throw new Error(`no voxel at ${p}`);
}

describe('demo study orientation', () => {
  // A NIfTI in RAS as readNifti returns it in LPS: rows to the right, columns anterior (Colin27's direction).
  const ras: Vol = {
    dimensions: [4, 3, 2], spacing: [2, 3, 4], origin: [90, 125, -71], direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1],
    channels: [Float32Array.from({ length: 24 }, (_, n) => n * 7 + 1)],
  };

  it('stores rows towards the patient left and columns towards the posterior', () => {
    expect(radiologicalInPlane(ras).direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('keeps every voxel at its patient position', () => {
    const out = radiologicalInPlane(ras);
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 3; j++)
        for (let i = 0; i < 4; i++) expect(valueAt(ras, position(out, i, j, k))).toBe(out.channels[0][i + j * 4 + k * 12]);
  });

  it('leaves a volume already in radiological order as it is', () => {
    const lps = { ...ras, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    expect(radiologicalInPlane(lps)).toBe(lps);
  });
});
