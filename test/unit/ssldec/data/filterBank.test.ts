import { loadModel, predictVolume, saveModel, trainSsldec } from '../../../../src/ssldec';
import { filterAxis, filterBank, gaussianKernel } from '../../../../src/ssldec/data/filterBank';
import { voxelFeatureCount } from '../../../../src/ssldec/model/ModelConfig';
import { makePhantom } from '../helpers/phantom';

/** A volume whose value at voxel (i, j, k) is f(x, y, z) with x = i*sx mm etc. */
function sampled(dims: [number, number, number], spacing: [number, number, number], f: (x: number, y: number, z: number) => number): Float32Array {
  const out = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0, v = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, v++) out[v] = f(i * spacing[0], j * spacing[1], k * spacing[2]);
  return out;
}

describe('filter bank (Gaussian, LoG, gradient magnitude per scale)', () => {
  const dims: [number, number, number] = [30, 30, 20];
  const spacing: [number, number, number] = [0.5, 1, 2];
  const centre = 15 + 15 * 30 + 10 * 900;

  test.each([0.4, 1.5])('kernels at σ = %p voxels: exact on constants, ramps and parabolas', (sigma) => {
    const moment = (k: Float32Array, p: number) => k.reduce((s, w, q) => s + w * (q - (k.length - 1) / 2) ** p, 0);
    const g = gaussianKernel(sigma, 0);
    expect(moment(g, 0)).toBeCloseTo(1, 6);
    const d1 = gaussianKernel(sigma, 1);
    expect(moment(d1, 0)).toBeCloseTo(0, 6);
    expect(moment(d1, 1)).toBeCloseTo(1, 5);
    const d2 = gaussianKernel(sigma, 2);
    expect(moment(d2, 0)).toBeCloseTo(0, 6);
    expect(moment(d2, 1)).toBeCloseTo(0, 6);
    expect(moment(d2, 2)).toBeCloseTo(2, 5);
  });

  test.each([
    ['symmetric (Gaussian)', gaussianKernel(1.3, 0)],
    ['antisymmetric (first derivative)', gaussianKernel(1.3, 1)],
    ['symmetric (second derivative)', gaussianKernel(0.8, 2)],
    ['neither', Float32Array.from([0.1, -0.4, 0.7, 0.2, 0.05])],
  ])('filterAxis, %s kernel: the plain mirrored correlation along each axis', (_name, kernel) => {
    const d: [number, number, number] = [7, 5, 6];
    const src = sampled(d, [1, 1, 1], (x, y, z) => Math.sin(x * 1.7 + y * 0.3) + Math.cos(z * 2.1 - x) + ((x * 7 + y * 3 + z) % 5) / 10);
    const r = (kernel.length - 1) / 2;
    const mirror = (u: number, n: number): number => (u < 0 ? mirror(-u - 1, n) : u >= n ? mirror(2 * n - u - 1, n) : u);
    for (const axis of [0, 1, 2] as const) {
      const out = filterAxis(src, d, axis, kernel);
      for (let k = 0, v = 0; k < d[2]; k++) for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++, v++) {
        let s = 0;
        for (let q = -r; q <= r; q++) {
          const at = [i, j, k];
          at[axis] = mirror(at[axis] + q, d[axis]);
          s += kernel[q + r] * src[at[0] + at[1] * d[0] + at[2] * d[0] * d[1]];
        }
        expect(out[v]).toBeCloseTo(s, 5);
      }
    }
  });

  test('in mm on anisotropic voxels: a ramp keeps its value and slope, a paraboloid has Laplacian 2·(a+b+c)', () => {
    const ramp = sampled(dims, spacing, (x, y, z) => 3 * x - 2 * y + 0.5 * z);
    const [g, lap, grad] = filterBank(ramp, dims, spacing, [1]);
    expect(g[centre]).toBeCloseTo(ramp[centre], 3);
    expect(lap[centre]).toBeCloseTo(0, 3);
    expect(grad[centre]).toBeCloseTo(Math.hypot(3, -2, 0.5), 2);
    const bowl = sampled(dims, spacing, (x, y, z) => 1 * (x - 7.5) ** 2 + 0.5 * (y - 15) ** 2 + 0.25 * (z - 20) ** 2);
    const [, lapBowl] = filterBank(bowl, dims, spacing, [1]);
    expect(lapBowl[centre]).toBeCloseTo(2 * (1 + 0.5 + 0.25), 1);
  });

  test('a model with filterScales trains, counts its features and round-trips through save/load', async () => {
    const phantom = makePhantom([24, 24, 8], [3, 5]);
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 2, supervisedSteps: 6, mode: 'supervised', model: { filterScales: [1, 2] },
    });
    expect(trained.model.config.filterScales).toEqual([1, 2]);
    expect(voxelFeatureCount(trained.model.config)).toBe(1 + 3 * 2);
    const loaded = await loadModel(await saveModel(trained.model));
    const again = await predictVolume(loaded, phantom.volume);
    expect(again.labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);

  test('non-positive scales are refused with a clear message', async () => {
    const phantom = makePhantom([16, 16, 4], [1, 2]);
    await expect(trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', model: { filterScales: [0] } }))
      .rejects.toThrow(/filterScales must be > 0 mm/);
  });
});
