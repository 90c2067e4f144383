import { DOG_INNER, ilastikFeatures } from '../../../../bench/seg/baselines/ilastikFeatures';
import { gaussianKernel } from '../../../../src/ssldec/data/filterBank';
import { fill, geometry } from './grid';

const N = 25;
const C = 12;
const dims: [number, number, number] = [N, N, N];

/** Second moment Σ g(q)·q² of the sampled Gaussian: what smoothing adds to x² per axis. */
const moment = (sigma: number) => gaussianKernel(sigma, 0).reduce((s, w, q, k) => s + w * (q - (k.length - 1) / 2) ** 2, 0);

describe('ilastik features', () => {
  const sigmas = [0.7, 1.6];
  // r² around the centre, plus a k-only term that the in-plane features must ignore in their derivatives.
  const image = fill(new Float32Array(N ** 3), dims, (i, j, k) => (i - C) ** 2 + (j - C) ** 2 + (k - C) ** 2);
  const volume = { ...geometry(dims), channels: [image], channelNames: ['T1'] };

  it('are exact on a quadratic in 3D: G = r² + 3m₂(σ), LoG = 6, |∇G| = 2r, DoG = 3(m₂(σ) − m₂(0.66σ))', () => {
    const stack = ilastikFeatures(volume, { sigmas });
    expect(stack.names).toEqual(['T1 raw', ...sigmas.flatMap((s) => ['gaussian', 'LoG', 'gradient magnitude', 'DoG'].map((f) => `T1 ${f} σ${s}`))]);
    expect(stack.values).toHaveLength(1 + 4 * sigmas.length);
    for (const [i, j, k] of [[C, C, C], [C + 2, C - 1, C + 1], [C - 3, C + 2, C]]) {
      const v = i + j * N + k * N * N;
      const r = Math.hypot(i - C, j - C, k - C);
      expect(stack.values[0][v]).toBe(image[v]);
      sigmas.forEach((sigma, s) => {
        const [g, log, grad, dog] = stack.values.slice(1 + 4 * s, 5 + 4 * s);
        expect(g[v]).toBeCloseTo(r * r + 3 * moment(sigma), 3);
        expect(log[v]).toBeCloseTo(6, 3);
        expect(grad[v]).toBeCloseTo(2 * r, 3);
        expect(dog[v]).toBeCloseTo(3 * (moment(sigma) - moment(DOG_INNER * sigma)), 3);
      });
    }
  });

  it('in-plane (2D cases) smooth and differentiate within each slice only', () => {
    const stack = ilastikFeatures(volume, { sigmas, inPlane: true });
    const [i, j, k] = [C + 2, C - 1, C + 3];
    const v = i + j * N + k * N * N;
    const rPlane = Math.hypot(i - C, j - C);
    sigmas.forEach((sigma, s) => {
      const [g, log, grad, dog] = stack.values.slice(1 + 4 * s, 5 + 4 * s);
      expect(g[v]).toBeCloseTo(image[v] + 2 * moment(sigma), 3);
      expect(log[v]).toBeCloseTo(4, 3);
      expect(grad[v]).toBeCloseTo(2 * rPlane, 3);
      expect(dog[v]).toBeCloseTo(2 * (moment(sigma) - moment(DOG_INNER * sigma)), 3);
    });
  });

  it('gives 1 + 4 features per scale for each channel', () => {
    const two = ilastikFeatures({ ...volume, channels: [image, image], channelNames: ['T1c', 'FLAIR'] }, { sigmas: [1] });
    expect(two.names).toEqual(['T1c raw', 'T1c gaussian σ1', 'T1c LoG σ1', 'T1c gradient magnitude σ1', 'T1c DoG σ1', 'FLAIR raw', 'FLAIR gaussian σ1', 'FLAIR LoG σ1', 'FLAIR gradient magnitude σ1', 'FLAIR DoG σ1']);
  });
});
