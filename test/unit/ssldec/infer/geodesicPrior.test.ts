import { trainSsldec } from '../../../../src/ssldec';
import { computeGeodesicFeatures } from '../../../../src/ssldec/data/geodesicFeatures';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';
import { geodesicPrior, isBackgroundClass } from '../../../../src/ssldec/infer/geodesicPrior';
import type { Labelmap, Volume } from '../../../../src/volume/Volume';

/**
 * Two bright blobs of the same intensity on a dark ground, 64 x 20 x 2: blob A (i 4..23, j 2..17) carries the
 * object's strokes, blob B (i 38..57) none; background strokes lie in the dark gap between them and at the right edge.
 */
const BLOB_ROWS = [2, 17];
const BLOB_A = 4;
const BLOB_B = 38;
const BLOB_WIDTH = 20;

function twoBlobs(): { volume: Volume; scribbles: Labelmap; dims: Dims } {
  const dims: Dims = [64, 20, 2];
  const [nx, ny, nz] = dims;
  const image = new Float32Array(nx * ny * nz);
  const scribbles = new Uint8Array(image.length);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const v = i + j * nx + k * nx * ny;
    const inBlob = j >= BLOB_ROWS[0] && j <= BLOB_ROWS[1] && [BLOB_A, BLOB_B].some((i0) => i >= i0 && i < i0 + BLOB_WIDTH);
    image[v] = (inBlob ? 100 : 10) + ((i * 7 + j * 3 + k * 5) % 5) - 2;
    if (j >= 8 && j <= 11 && i >= 8 && i <= 19) scribbles[v] = 1;
    if (j >= 8 && j <= 11 && (i === 30 || i === 31 || i === 62)) scribbles[v] = 2;
  }
  const geometry = { dimensions: dims as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Volume['direction'] };
  return { volume: { ...geometry, channels: [image] }, scribbles: { ...geometry, data: scribbles }, dims };
}

describe('geodesic prior', () => {
  test('a class is background when flagged, or when its name starts with the word "background"', () => {
    expect(isBackgroundClass({ value: 1, name: 'Background' })).toBe(true);
    expect(isBackgroundClass({ value: 1, name: ' background air' })).toBe(true);
    expect(isBackgroundClass({ value: 1, name: 'Backgrounds' })).toBe(false);
    expect(isBackgroundClass({ value: 1, name: 'Other' })).toBe(false);
    expect(isBackgroundClass({ value: 1, name: 'Other', background: true })).toBe(true);
    expect(isBackgroundClass({ value: 1, name: 'Background', background: false })).toBe(false);
  });

  test('off at λ 0, without a background class, or when every class is background', () => {
    const { volume, scribbles, dims } = twoBlobs();
    const g = computeGeodesicFeatures(1, (_c, v) => volume.channels[0][v] / 100, dims, [1, 1, 1], scribbles.data, 2, false);
    expect(geodesicPrior([{ value: 1, name: 'Object' }, { value: 2, name: 'Background' }], 0, g)).toBeUndefined();
    expect(geodesicPrior([{ value: 1, name: 'Object' }, { value: 2, name: 'Other' }], 1, g)).toBeUndefined();
    expect(geodesicPrior([{ value: 1, name: 'Background' }, { value: 2, name: 'background air' }], 1, g)).toBeUndefined();
  });

  test('a look-alike of the object far from its strokes goes to the background; the stroked blob stays', () => {
    const { volume, scribbles, dims } = twoBlobs();
    const g = computeGeodesicFeatures(1, (_c, v) => volume.channels[0][v] / 100, dims, [1, 1, 1], scribbles.data, 2, false);
    const apply = geodesicPrior([{ value: 1, name: 'Object' }, { value: 2, name: 'Background' }], 1, g)!;
    const at = (i: number) => {
      // A network that calls everything bright "object": B lies two edges of 0.9 (distance ~1.9) from its strokes.
      const q = new Float64Array([0.8, 0.2]);
      apply(q, i, 5, 0, i + 5 * dims[0]);
      return q;
    };
    const inA = at(BLOB_A + BLOB_WIDTH - 2);
    const inB = at(BLOB_B + 4);
    expect(inA[0] + inA[1]).toBeCloseTo(1, 10);
    expect(inB[0] + inB[1]).toBeCloseTo(1, 10);
    expect(inA[0]).toBeGreaterThan(0.5);
    expect(inB[1]).toBeGreaterThan(0.5);
  });

  test('training: the unscribbled blob is predicted background with the prior; a note says when no class is background', async () => {
    const { volume, scribbles } = twoBlobs();
    const options = { backend: 'cpu' as const, preset: 'tiny' as const, seed: 1, mode: 'supervised' as const, model: { geodesicInputs: true, geodesicPrior: 1 } };
    const withPrior = await trainSsldec(volume, scribbles, { ...options, classes: [{ value: 1, name: 'Object' }, { value: 2, name: 'Background' }] });
    // Share of a blob's voxels predicted object, `rim` voxels in from its edges.
    const objectShare = (data: Uint8Array, i0: number, rim = 0) => {
      let object = 0;
      let all = 0;
      for (let k = 0; k < 2; k++) for (let j = BLOB_ROWS[0] + rim; j <= BLOB_ROWS[1] - rim; j++) for (let i = i0 + rim; i < i0 + BLOB_WIDTH - rim; i++, all++) {
        if (data[i + j * 64 + k * 64 * 20] === 1) object++;
      }
      return object / all;
    };
    expect(objectShare(withPrior.prediction.data, BLOB_A, 1)).toBeGreaterThan(0.95);
    expect(objectShare(withPrior.prediction.data, BLOB_B)).toBeLessThan(0.05);
    expect(withPrior.model.config.geodesicPrior).toBe(1);
    expect(withPrior.notes.some((n) => /Geodesic prior off/.test(n))).toBe(false);
    withPrior.model.dispose();
    const unnamed = await trainSsldec(volume, scribbles, { ...options, classes: [{ value: 1, name: 'Object' }, { value: 2, name: 'Other' }] });
    expect(unnamed.notes.some((n) => /Geodesic prior off: no class is named "Background"/.test(n))).toBe(true);
    unnamed.model.dispose();
    // A Background class without strokes (value 3; the strokes are 1 and 2): the prior is on, and a note asks for strokes.
    const unpainted = await trainSsldec(volume, scribbles, {
      ...options, classes: [{ value: 1, name: 'Object' }, { value: 2, name: 'Other' }, { value: 3, name: 'Background' }],
    });
    expect(unpainted.notes.filter((n) => /Geodesic prior off/.test(n))).toEqual([]);
    expect(unpainted.notes).toContain('No strokes for "Background": it only gets what lies far from every other class\'s strokes. ' +
      'Paint a few strokes of it on what is none of your classes for a better result.');
    expect(withPrior.notes.some((n) => /No strokes for/.test(n))).toBe(false);
    unpainted.model.dispose();
  }, 60000);
});
