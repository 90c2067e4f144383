import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PredictionFiles, predictionFileName } from '../../../../bench/seg/predictionFiles';
import { readNifti, readNiftiLabelmap } from '../../../../src/io/readNifti';
import type { Geometry, Labelmap, Volume } from '../../../../src/volume/Volume';

const geometry: Geometry = {
  dimensions: [3, 2, 2], spacing: [1.5, 1.5, 3], origin: [-10, 20, 5], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe('predictionFileName', () => {
  it('joins case, subject, draw and what with dots, and names the network seed only when it is not the draw\'s', () => {
    const draw = { effort: '3x3', seed: 2 };
    expect(predictionFileName({ caseName: 'ct-aorta-totalsegmentator', subject: 't12-range', what: 'truth' }))
      .toBe('ct-aorta-totalsegmentator.t12-range.truth.nii.gz');
    expect(predictionFileName({ caseName: 'c', subject: 's', draw, networkSeed: 2, what: 'default.first' })).toBe('c.s.3x3.seed2.default.first.nii.gz');
    expect(predictionFileName({ caseName: 'c', subject: 's', draw, networkSeed: 1002, what: 'default' })).toBe('c.s.3x3.seed2.net1002.default.nii.gz');
    expect(predictionFileName({ caseName: 'c', subject: 's', draw: { effort: '3x3+1retrain', seed: 1 }, what: 'default' }))
      .toBe('c.s.3x3+1retrain.seed1.default.nii.gz');
  });

  it('keeps every part a plain file name', () => {
    expect(predictionFileName({ caseName: '../up', subject: 'a/b c', what: 'x' })).toBe('___up.a_b_c.x.nii.gz');
  });
});

describe('PredictionFiles', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'prediction-files-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes labelmaps and multi-channel images as NIfTI that read back with their values and geometry', () => {
    const files = new PredictionFiles(join(dir, 'out'));
    const labels: Labelmap = { ...geometry, data: Uint8Array.from([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]) };
    const image: Volume = {
      ...geometry,
      channels: [Float32Array.from({ length: 12 }, (_, v) => v - 500), Float32Array.from({ length: 12 }, (_, v) => v * 0.5)],
    };
    const labelPath = files.write({ caseName: 'c', subject: 's', draw: { effort: '3x3', seed: 1 }, what: 'default' }, labels);
    const imagePath = files.write({ caseName: 'c', subject: 's', what: 'image' }, image);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['c.s.3x3.seed1.default.nii.gz', 'c.s.image.nii.gz']);

    const readLabels = readNiftiLabelmap(readFileSync(labelPath));
    expect(Array.from(readLabels.data)).toEqual(Array.from(labels.data));
    const readImage = readNifti(readFileSync(imagePath));
    expect(readImage.channels.map((c) => Array.from(c))).toEqual(image.channels.map((c) => Array.from(c)));
    for (const read of [readLabels, readImage]) {
      expect(read.dimensions).toEqual(geometry.dimensions);
      read.spacing.forEach((s, a) => expect(s).toBeCloseTo(geometry.spacing[a], 5));
      read.origin.forEach((o, a) => expect(o).toBeCloseTo(geometry.origin[a], 4));
      read.direction.forEach((d, a) => expect(d).toBeCloseTo(geometry.direction[a], 5));
    }
  });
});
