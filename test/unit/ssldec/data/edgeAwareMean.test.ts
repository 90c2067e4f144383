import { edgeAwareMean } from '../../../../src/ssldec/data/edgeAwareMean';
import { filterBank } from '../../../../src/ssldec/data/filterBank';

/** A 2-voxel-thick line of voxels along i (the other axes short), value f(i). */
function line(n: number, f: (i: number) => number): { values: Float32Array; dims: [number, number, number] } {
  const dims: [number, number, number] = [n, 2, 2];
  const values = new Float32Array(n * 4);
  for (let v = 0; v < values.length; v++) values[v] = f(v % n);
  return { values, dims };
}

/** Deterministic noise in [−0.5, 0.5). */
const noise = (i: number) => ((i * 7919) % 13) / 13 - 0.5;

describe('edge-aware mean (domain transform)', () => {
  test('a constant image stays constant', () => {
    const { values, dims } = line(30, () => 3.25);
    const out = edgeAwareMean(values, dims, [1, 1, 1], 4, 0.1);
    for (const x of out) expect(x).toBeCloseTo(3.25, 5);
  });

  test('stops at a step larger than σr and smooths the noise on each side', () => {
    const { values, dims } = line(40, (i) => (i < 20 ? 0 : 1) + 0.05 * noise(i));
    const out = edgeAwareMean(values, dims, [1, 1, 1], 4, 0.1);
    // Next to the step each side keeps its own level (a Gaussian of 4 mm would blend them to about 0.4 and 0.6).
    expect(Math.abs(out[19] - 0)).toBeLessThan(0.05);
    expect(Math.abs(out[20] - 1)).toBeLessThan(0.05);
    const spread = (a: ArrayLike<number>, from: number, to: number) => {
      let lo = Infinity, hi = -Infinity;
      for (let i = from; i < to; i++) { lo = Math.min(lo, a[i]); hi = Math.max(hi, a[i]); }
      return hi - lo;
    };
    expect(spread(out, 2, 18)).toBeLessThan(spread(values, 2, 18) / 3);
    // With σr far above every step it is an ordinary smoothing: the step is blended.
    const blurred = edgeAwareMean(values, dims, [1, 1, 1], 4, 1e6);
    expect(blurred[19]).toBeGreaterThan(0.3);
    expect(blurred[20]).toBeLessThan(0.7);
  });

  test('with σr far above every step its width in mm matches a Gaussian of σ (variance of a smoothed impulse)', () => {
    const { values, dims } = line(81, (i) => (i === 40 ? 1 : 0));
    for (const [h, sigma] of [[1, 3], [0.5, 3]] as const) {
      const out = edgeAwareMean(values, dims, [h, 1, 1], sigma, 1e6);
      let mass = 0, variance = 0;
      for (let i = 0; i < 81; i++) { mass += out[i]; variance += out[i] * ((i - 40) * h) ** 2; }
      expect(mass).toBeCloseTo(1, 2);
      expect(Math.sqrt(variance / mass)).toBeGreaterThan(0.8 * sigma);
      expect(Math.sqrt(variance / mass)).toBeLessThan(1.2 * sigma);
    }
  });

  test('a 2D image (one slice) is filtered in-plane only', () => {
    const dims: [number, number, number] = [12, 12, 1];
    const values = new Float32Array(144).map((_, v) => ((v % 12) < 6 ? 0 : 1));
    const out = edgeAwareMean(values, dims, [1, 1, 5], 2, 0.1);
    expect(out[5]).toBeCloseTo(0, 2);
    expect(out[6]).toBeCloseTo(1, 2);
  });

  test("the filter bank's edge-aware mean replaces only its smoothed intensity; LoG and gradient are the Gaussian's", () => {
    const { values, dims } = line(40, (i) => (i < 20 ? 0 : 10) + noise(i));
    const gaussian = filterBank(values, dims, [1, 1, 1], [1, 2]);
    const edgeAware = filterBank(values, dims, [1, 1, 1], [1, 2], 'edgeAware');
    expect(edgeAware).toHaveLength(6);
    for (const f of [1, 2, 4, 5]) expect(Array.from(edgeAware[f])).toEqual(Array.from(gaussian[f]));
    // σr is 0.1 of the 0.5–99.5 % range (about 1 here): the step of 10 is kept.
    expect(edgeAware[3][19]).toBeLessThan(1);
    expect(gaussian[3][19]).toBeGreaterThan(3);
  });
});

describe('edge-aware mean: lines filtered side by side', () => {
  /** The filter one line at a time, as the paper writes it: the reference the bundled lines must match exactly. */
  function oneLineAtATime(values: Float32Array, dims: [number, number, number], spacing: [number, number, number],
    sigmaMm: number, sigmaR: number): Float32Array {
    const out = Float32Array.from(values);
    const stretch = sigmaMm / sigmaR;
    const strides = [1, dims[0], dims[0] * dims[1]];
    for (let it = 0; it < 3; it++) {
      const logFeedback = -Math.SQRT2 / ((sigmaMm * Math.sqrt(3) * 2 ** (2 - it)) / Math.sqrt(63));
      for (const axis of [0, 1, 2]) {
        const [n, stride] = [dims[axis], strides[axis]];
        for (let v0 = 0; v0 < values.length; v0++) {
          if (Math.floor(v0 / stride) % n !== 0) continue; // v0 starts a line along `axis`
          const weight = (t: number) =>
            Math.exp(logFeedback * (spacing[axis] + stretch * Math.abs(values[v0 + t * stride] - values[v0 + (t - 1) * stride])));
          for (let t = 1; t < n; t++) out[v0 + t * stride] += weight(t) * (out[v0 + (t - 1) * stride] - out[v0 + t * stride]);
          for (let t = n - 2; t >= 0; t--) out[v0 + t * stride] += weight(t + 1) * (out[v0 + (t + 1) * stride] - out[v0 + t * stride]);
        }
      }
    }
    return out;
  }

  test('gives the same values as one line at a time, along every axis of an anisotropic volume', () => {
    const dims: [number, number, number] = [7, 5, 6];
    const values = Float32Array.from({ length: 7 * 5 * 6 }, (_, v) => (v % 7 < 3 ? 0 : 1) + 0.2 * noise(v));
    const spacing: [number, number, number] = [0.8, 1, 2.5];
    expect(edgeAwareMean(values, dims, spacing, 2, 0.1)).toEqual(oneLineAtATime(values, dims, spacing, 2, 0.1));
  });
});
