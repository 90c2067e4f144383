import { percentiles } from '../../../../src/ssldec/data/normaliseIntensities';
import { applyWindow, CT_WINDOWS } from '../../../../src/ssldec/data/intensityWindows';
import { defaultIntensityWindows, scalingModality } from '../../../../src/ssldec/data/modality';
import type { Volume } from '../../../../src/volume/Volume';

function volumeOf(values: number[], extra: Partial<Volume> = {}): Volume {
  return {
    dimensions: [values.length, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    channels: [Float32Array.from(values)], ...extra,
  };
}

describe('intensity windows', () => {
  test('clip to the window and map it to 0..1', () => {
    expect(Array.from(applyWindow(Float32Array.from([-1000, -160, 40, 240, 1500]), [-160, 240]))).toEqual([0, 0, 0.5, 1, 1]);
  });

  test('the soft-tissue window gives liver vs spleen (60 vs 45 HU) a contrast percentile scaling squeezes', () => {
    const [low, high] = [-1000, 1200]; // what 0.5/99.5 percentiles give on this body: air to bone
    const percentileGap = (60 - 45) / (high - low);
    const windowGap = applyWindow(Float32Array.from([60]), CT_WINDOWS[0])[0] - applyWindow(Float32Array.from([45]), CT_WINDOWS[0])[0];
    expect(windowGap).toBeGreaterThan(5 * percentileGap);
  });
});

describe('scalingModality', () => {
  test('the DICOM Modality decides when present', () => {
    expect(scalingModality(volumeOf([0, 1, 2], { modality: 'CT' }))).toBe('CT');
    expect(scalingModality(volumeOf([-1000, 40, 700], { modality: 'MR' }))).toBe('other');
  });

  test('without it, Hounsfield values are recognised and MR-like values are not', () => {
    const body = Array.from({ length: 2000 }, (_, i) => (i < 200 ? -1024 : i < 1900 ? (i % 200) - 100 : 900));
    expect(scalingModality(volumeOf(body))).toBe('CT');
    expect(defaultIntensityWindows(volumeOf(body))).toEqual(CT_WINDOWS);
    expect(scalingModality(volumeOf(Array.from({ length: 2000 }, (_, i) => i % 700)))).toBe('other'); // MR magnitudes
    expect(scalingModality(volumeOf(Array.from({ length: 2000 }, (_, i) => (i % 9) - 4)))).toBe('other'); // z-scores
    expect(defaultIntensityWindows(volumeOf(Array.from({ length: 2000 }, (_, i) => i % 700)))).toEqual([]);
  });

  test('a CT whose contrast spans a sliver of the windows keeps percentile scaling (0/1 values under Modality CT)', () => {
    const binary = volumeOf(Array.from({ length: 2000 }, (_, i) => i % 2), { modality: 'CT' });
    expect(scalingModality(binary)).toBe('CT');
    expect(defaultIntensityWindows(binary)).toEqual([]);
    const body = volumeOf(Array.from({ length: 2000 }, (_, i) => (i < 200 ? -1024 : (i % 200) - 100)), { modality: 'CT' });
    expect(defaultIntensityWindows(body)).toEqual(CT_WINDOWS);
  });

  test('two channels are never taken for CT by guessing', () => {
    const v = volumeOf([-1024, 0, 40, 900]);
    expect(scalingModality({ ...v, channels: [v.channels[0], v.channels[0]] })).toBe('other');
  });
});

describe('percentiles', () => {
  const bySort = (values: Float32Array, low: number, high: number) => {
    const s = Float32Array.from(values).sort();
    const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round((p / 100) * (s.length - 1))))];
    return [at(low), at(high)];
  };

  test('selection gives the order statistics a full sort gives: random, tied, sorted, reversed, constant, NaN', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const arrays = [
      Float32Array.from({ length: 1001 }, () => rand() * 100 - 50),
      Float32Array.from({ length: 500 }, () => Math.floor(rand() * 3)),
      Float32Array.from({ length: 300 }, (_, i) => i),
      Float32Array.from({ length: 300 }, (_, i) => -i),
      new Float32Array(64).fill(5),
      Float32Array.from([3, NaN, 1, 2, NaN, 0]),
      Float32Array.from([42]),
    ];
    for (const values of arrays) {
      for (const [low, high] of [[0.5, 99.5], [0, 50], [50, 99.5], [99, 1], [0, 100]]) {
        expect(percentiles(values, low, high)).toEqual(bySort(values, low, high));
      }
    }
  });
});
