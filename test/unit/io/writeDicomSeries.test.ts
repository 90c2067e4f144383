import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPart10, type NaturalizedDataset } from '../../../src/io/dicom/dcmjs';
import { DicomSeriesWriteError, writeDicomSeries } from '../../../src/io/writeDicomSeries';
import type { Volume } from '../../../src/volume/Volume';

/** The written file parsed back: its dataset, with the File Meta Information under `_meta`. */
function readBack(file: ArrayBuffer): Record<string, any> {
  const { meta, dataset } = readPart10(file);
  return { ...dataset, _meta: meta as NaturalizedDataset };
}

/** A volume whose voxel value encodes its own (i, j, k), so any transposition or reordering shows. */
function rampVolume(dimensions: [number, number, number], direction: Volume['direction'], scale = 1): Volume {
  const [c, r, s] = dimensions;
  const channel = new Float32Array(c * r * s);
  for (let k = 0; k < s; k++) for (let j = 0; j < r; j++) for (let i = 0; i < c; i++) channel[i + j * c + k * c * r] = (i + 100 * j + 1000 * k) * scale;
  return { dimensions, spacing: [0.9, 1.1, 2.5], origin: [-10, 20.5, -30], direction, channels: [channel] };
}

const AXIAL: Volume['direction'] = [1, 0, 0, 0, 1, 0, 0, 0, 1];
// Sagittal with the slice axis running towards the patient's right (descending x): a real case from scanners.
const SAGITTAL_DESCENDING: Volume['direction'] = [0, 1, 0, 0, 0, -1, -1, 0, 0];

describe('writeDicomSeries', () => {
  it('writes one MR instance per slice with the volume geometry and the voxels in place', () => {
    const volume = rampVolume([7, 5, 3], AXIAL);
    const series = writeDicomSeries(volume, { patientName: 'Test^Ramp', seriesDescription: 'ramp' });
    expect(series.files).toHaveLength(3);
    expect(new Set(series.sopInstanceUIDs).size).toBe(3);
    expect(series.storedValueMapping).toEqual({ slope: 1, intercept: 0 });
    series.files.forEach((file, k) => {
      const ds = readBack(file);
      expect(ds._meta.TransferSyntaxUID).toBe('1.2.840.10008.1.2.1');
      expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.4');
      expect(ds.SOPInstanceUID).toBe(series.sopInstanceUIDs[k]);
      expect(ds.SeriesInstanceUID).toBe(series.seriesInstanceUID);
      expect(ds.StudyInstanceUID).toBe(series.studyInstanceUID);
      expect(ds.FrameOfReferenceUID).toBe(series.frameOfReferenceUID);
      expect([ds.Columns, ds.Rows]).toEqual([7, 5]);
      expect(ds.PixelSpacing.map(Number)).toEqual([1.1, 0.9]);
      expect(ds.ImageOrientationPatient.map(Number)).toEqual([1, 0, 0, 0, 1, 0]);
      expect(ds.ImagePositionPatient.map(Number)).toEqual([-10, 20.5, -30 + 2.5 * k]);
      expect(ds.InstanceNumber).toBe(k + 1);
      const pixels = new Uint16Array(ds.PixelData[0]);
      expect(pixels[0]).toBe(1000 * k); // (i, j) = (0, 0)
      expect(pixels[6 + 4 * 7]).toBe(6 + 400 + 1000 * k); // last column, last row
    });
  });

  it('places slices along the slice normal even when it points down an axis', () => {
    const series = writeDicomSeries(rampVolume([4, 6, 3], SAGITTAL_DESCENDING));
    const positions = series.files.map((f) => readBack(f).ImagePositionPatient.map(Number));
    expect(positions[0]).toEqual([-10, 20.5, -30]);
    expect(positions[2]).toEqual([-10 - 2 * 2.5, 20.5, -30]);
    expect(readBack(series.files[0]).ImageOrientationPatient.map(Number)).toEqual([0, 1, 0, 0, 0, -1]);
  });

  it('maps non-integer intensities linearly onto 0..4095 and reports the mapping', () => {
    const volume = rampVolume([3, 2, 2], AXIAL, -0.25); // values 0 .. -275.5
    const series = writeDicomSeries(volume);
    const { slope, intercept } = series.storedValueMapping;
    expect(intercept).toBeCloseTo(-275.5);
    const first = new Uint16Array(readBack(series.files[0]).PixelData[0]);
    expect(first[0] * slope + intercept).toBeCloseTo(0, 1);
    const last = new Uint16Array(readBack(series.files[1]).PixelData[0]);
    expect(first[0]).toBe(4095); // the largest value, 0
    expect(last[5]).toBe(0); // the smallest, at (2, 1, 1)
  });

  it('reuses a given study and frame of reference, and makes new series UIDs each time', () => {
    const volume = rampVolume([2, 2, 2], AXIAL);
    const a = writeDicomSeries(volume, { studyInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3.5' });
    const b = writeDicomSeries(volume, { studyInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3.5' });
    expect(a.studyInstanceUID).toBe('1.2.3.4');
    expect(a.seriesInstanceUID).not.toBe(b.seriesInstanceUID);
    expect(readBack(b.files[1]).FrameOfReferenceUID).toBe('1.2.3.5');
  });

  it('rejects what it cannot write, saying what is wrong', () => {
    const volume = rampVolume([2, 2, 2], AXIAL);
    expect(() => writeDicomSeries(volume, { channel: 1 })).toThrow(DicomSeriesWriteError);
    expect(() => writeDicomSeries({ ...volume, spacing: [1, 0, 1] })).toThrow(/spacing must be positive/);
    const holes = { ...volume, channels: [new Float32Array(8).fill(Number.NaN)] };
    expect(() => writeDicomSeries(holes)).toThrow(/non-finite/);
  });

  const dciodvfy = '/usr/bin/dciodvfy';
  (existsSync(dciodvfy) || process.env.CI === 'true' ? it : it.skip)('passes dciodvfy with no errors (MR and CT)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssldec-series-'));
    try {
      for (const modality of ['MR', 'CT'] as const) {
        const series = writeDicomSeries(rampVolume([5, 4, 2], SAGITTAL_DESCENDING), { modality, patientName: 'Test^Valid' });
        const path = join(dir, `${modality}.dcm`);
        writeFileSync(path, Buffer.from(series.files[1]));
        const r = spawnSync(dciodvfy, [path], { encoding: 'utf8' });
        const output = `${r.stdout}${r.stderr}`;
        expect(output).toContain(modality === 'MR' ? 'MRImage' : 'CTImage');
        expect(output.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
        expect(r.status).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
