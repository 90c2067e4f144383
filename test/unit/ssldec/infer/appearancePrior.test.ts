import { trainSsldec } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { appearanceSupport, SAMPLES_PER_CLASS, type AppearanceSupport } from '../../../../src/ssldec/data/appearanceSupport';
import type { Dims, VolumeSource } from '../../../../src/ssldec/data/extractPatches';
import { appearancePrior } from '../../../../src/ssldec/infer/appearancePrior';
import type { Labelmap, Volume } from '../../../../src/volume/Volume';

const OBJECT_AND_BACKGROUND = [{ value: 1, name: 'Object' }, { value: 2, name: 'Background' }];

/** A one-channel source on a 16 x 4 x 1 grid whose values are used as they are (identity map). */
function rowSource(values: number[]): VolumeSource {
  const dims: Dims = [16, 4, 1];
  const image = new Float32Array(16 * 4);
  for (let j = 0; j < 4; j++) for (let i = 0; i < 16; i++) image[i + 16 * j] = values[i];
  return { channels: [image], maps: [{ offset: 0, scale: 1 }], dims, features: [] };
}

/** A support of one feature: class 0 sampled at `objectValues` with spread h, class 1 (background) anything. */
function support(objectValues: number[], h: number): AppearanceSupport {
  const M = objectValues.length;
  return { features: 1, samplesPerClass: M, samples: Float32Array.from([...objectValues, ...objectValues]), spread: Float32Array.from([h, h]) };
}

describe('appearance support of the strokes', () => {
  test('spread = median distance to another stroke of the class; one stroke, or none, has no spread', () => {
    // Row j=0: class 1 strokes at i 0-1 (value 0.5), i 4-5 (0.6) and i 13-14 (0.75); class 2 one voxel (i 10);
    // class 3 none. Nearest other stroke: 0.1, 0.1 and 0.15 away; the median over the six samples is 0.1.
    const values = [0.5, 0.5, 0, 0, 0.6, 0.6, 0, 0, 0, 0, 0.9, 0, 0, 0.75, 0.75, 0];
    const src = rowSource(values);
    const scribbles = new Uint8Array(64);
    [0, 1, 4, 5, 13, 14].forEach((i) => { scribbles[i] = 1; });
    scribbles[10] = 2;
    const s = appearanceSupport(src, scribbles, 3);
    expect(s.features).toBe(1);
    expect(s.samplesPerClass).toBe(SAMPLES_PER_CLASS);
    expect(s.spread[0]).toBeCloseTo(0.1, 6);
    expect(s.spread[1]).toBe(0);
    expect(s.spread[2]).toBe(0);
    // The class's rows hold its own values only (repeats of its six voxels).
    const rows = Array.from(s.samples.subarray(0, SAMPLES_PER_CLASS));
    expect(new Set(rows.map((x) => x.toFixed(3)))).toEqual(new Set(['0.500', '0.600', '0.750']));
  });
});

describe('appearance prior', () => {
  test('off at κ 0, without a background class, or when no object class has a spread', () => {
    const s = support([0.5, 0.6], 0.1);
    expect(appearancePrior(OBJECT_AND_BACKGROUND, 0, s, 0)).toBeUndefined();
    expect(appearancePrior([{ value: 1, name: 'Object' }, { value: 2, name: 'Other' }], 1, s, 0)).toBeUndefined();
    expect(appearancePrior(OBJECT_AND_BACKGROUND, 1, { ...s, spread: Float32Array.from([0, 0.1]) }, 0)).toBeUndefined();
  });

  test('q is kept within the strokes\' spread and handed to the background beyond it, by exp(−κ·(d/h − 1))', async () => {
    const before = tf.memory().numTensors;
    const prior = appearancePrior(OBJECT_AND_BACKGROUND, 2, support([0.5, 0.6], 0.1), 1)!;
    // Two input values per voxel [other input, feature]: the feature sits at offset 1. Voxels at 0.55 (inside the
    // spread), 0.65 (d = h) and 0.9 (d = 3h).
    const nearest = await prior.nearest(Float32Array.from([7, 0.55, 7, 0.65, 7, 0.9]), 2);
    expect(Array.from(nearest).map((d2) => Math.sqrt(Math.max(0, d2)))).toEqual([0.05, 0.05, 0.3].map((d) => expect.closeTo(d, 4)));
    const out = [0, 1, 2].map((p) => {
      const q = Float64Array.from([0.8, 0.2]);
      prior.apply(q, nearest, p);
      return q;
    });
    expect(out[0][0]).toBeCloseTo(0.8, 5);
    expect(out[1][0]).toBeCloseTo(0.8, 5);
    const f = Math.exp(-2 * (3 - 1));
    expect(out[2][0]).toBeCloseTo((0.8 * f) / (0.8 * f + 0.2), 5);
    expect(out[2][0] + out[2][1]).toBeCloseTo(1, 10);
    prior.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('distances in chunks equal a direct nearest-sample search', async () => {
    // 40 000 voxels (two chunks), 3 features at offset 2 of 6 values per voxel, three object classes + background.
    const F = 3, M = SAMPLES_PER_CLASS, K = 4, n = 40000;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const samples = Float32Array.from({ length: K * M * F }, random);
    const classes = [{ value: 1, name: 'a' }, { value: 2, name: 'b' }, { value: 3, name: 'c' }, { value: 4, name: 'Background' }];
    const prior = appearancePrior(classes, 1, { features: F, samplesPerClass: M, samples, spread: Float32Array.from([0.1, 0.1, 0.1, 0.1]) }, 2)!;
    const input = Float32Array.from({ length: n * 6 }, random);
    const nearest = await prior.nearest(input, 6);
    for (const p of [0, 1, 32767, 32768, n - 1]) {
      for (let c = 0; c < 3; c++) {
        let best = Infinity;
        for (let s = 0; s < M; s++) {
          let d = 0;
          for (let f = 0; f < F; f++) d += (input[p * 6 + 2 + f] - samples[(c * M + s) * F + f]) ** 2;
          best = Math.min(best, d);
        }
        expect(nearest[p * 3 + c]).toBeCloseTo(best, 4);
      }
    }
    prior.dispose();
  });

  test('training: an unstroked region brighter than the object goes to the background with the prior, to the object without', async () => {
    // 48 x 12 x 1: background 10 everywhere, object 100 at i 4..15, a brighter region 200 at i 30..41 that no stroke
    // samples (the network extrapolates brightness: the object). Two object strokes, background strokes at i 22 and 46.
    const dims: [number, number, number] = [48, 12, 1];
    const image = new Float32Array(48 * 12);
    const scribbles = new Uint8Array(image.length);
    for (let j = 0; j < 12; j++) for (let i = 0; i < 48; i++) {
      const v = i + 48 * j;
      image[v] = (i >= 4 && i < 16 ? 100 : i >= 30 && i < 42 ? 200 : 10) + ((i * 7 + j * 3) % 5) - 2;
      if ((j === 3 || j === 8) && i >= 6 && i <= 13) scribbles[v] = 1;
      if ((j === 3 || j === 8) && (i === 22 || i === 46)) scribbles[v] = 2;
    }
    const geometry = { dimensions: dims, spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Volume['direction'] };
    const volume: Volume = { ...geometry, channels: [image] };
    const labels: Labelmap = { ...geometry, data: scribbles };
    const brightShare = (data: Uint8Array) => {
      let object = 0;
      for (let j = 0; j < 12; j++) for (let i = 30; i < 42; i++) if (data[i + 48 * j] === 1) object++;
      return object / (12 * 12);
    };
    const options = { backend: 'cpu' as const, preset: 'tiny' as const, seed: 1, mode: 'supervised' as const, classes: OBJECT_AND_BACKGROUND };
    const without = await trainSsldec(volume, labels, { ...options, model: { appearancePrior: 0 } });
    const withPrior = await trainSsldec(volume, labels, { ...options, model: { appearancePrior: 1 } });
    expect(brightShare(without.prediction.data)).toBeGreaterThan(0.5);
    expect(brightShare(withPrior.prediction.data)).toBeLessThan(0.05);
    // The stroked object stays the object.
    let object = 0;
    for (let j = 0; j < 12; j++) for (let i = 5; i < 15; i++) if (withPrior.prediction.data[i + 48 * j] === 1) object++;
    expect(object / (12 * 10)).toBeGreaterThan(0.95);
    expect(withPrior.model.config.appearancePrior).toBe(1);
    without.model.dispose();
    withPrior.model.dispose();
  }, 60000);
});
