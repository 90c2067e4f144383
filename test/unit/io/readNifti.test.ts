import { readFileSync } from 'node:fs';
import { ImageFormatError } from '../../../src/io/ImageFormatError';
import { readMgh } from '../../../src/io/readMgh';
import { readNifti, readNiftiHeader, readNiftiLabelmap } from '../../../src/io/readNifti';
import { writeNifti } from '../../../src/io/writeNifti';
import type { Geometry, Labelmap, Volume } from '../../../src/volume/Volume';
import { expectSameGeometry, firstDifference } from '../../helpers/dicomCompare';
import { describeWithSharedData } from '../../helpers/sharedData';

/** An oblique 5x4x3 grid: rotated 30° about z, anisotropic voxels, non-zero origin. */
function obliqueGeometry(leftHanded = false): Geometry {
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  return {
    dimensions: [5, 4, 3],
    spacing: [0.5, 0.75, 2],
    origin: [-10.5, 20.25, 3],
    direction: [c, s, 0, -s, c, 0, 0, 0, leftHanded ? -1 : 1],
  };
}

describe('writeNifti → readNifti round trip', () => {
  it('keeps an oblique float volume with 2 channels (x=5x4x3, c=2)', () => {
    const g = obliqueGeometry();
    const channels = [0, 1].map((c) => Float32Array.from({ length: 60 }, (_, n) => n * 0.25 - 7 + c * 100));
    const back = readNifti(writeNifti({ ...g, channels }));
    expectSameGeometry(back, g);
    expect(back.channels).toEqual(channels);
  });

  it('keeps a gzipped uint8 labelmap and stores it as DT_UINT8', () => {
    const g = obliqueGeometry();
    const labels: Labelmap = { ...g, data: Uint8Array.from({ length: 60 }, (_, n) => n % 4) };
    const bytes = writeNifti(labels, { gzip: true, description: 'scribbles' });
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(readNiftiHeader(bytes).datatype).toBe('uint8');
    const back = readNiftiLabelmap(bytes);
    expectSameGeometry(back, g);
    expect(back.data).toEqual(labels.data);
  });

  it('writes a qform that gives the same geometry as the sform, also for left-handed axes', () => {
    for (const leftHanded of [false, true]) {
      const g = obliqueGeometry(leftHanded);
      const bytes = writeNifti({ ...g, channels: [new Float32Array(60)] });
      // Zero sform_code so the reader must fall back to the quaternion.
      new DataView(bytes.buffer).setInt16(254, 0, true);
      const header = readNiftiHeader(bytes);
      expect(header.sformCode).toBe(0);
      expect(header.qformCode).toBe(1);
      expectSameGeometry(readNifti(bytes), g);
    }
  });
});

describe('readNifti errors', () => {
  it('rejects bytes that are not NIfTI with an ImageFormatError naming sizeof_hdr', () => {
    const junk = new Uint8Array(400).fill(7);
    expect(() => readNifti(junk)).toThrow(ImageFormatError);
    expect(() => readNifti(junk)).toThrow(/sizeof_hdr .* expected 348/);
  });

  it('rejects a truncated file, saying how many bytes were expected', () => {
    const bytes = writeNifti({ ...obliqueGeometry(), channels: [new Float32Array(60)] });
    expect(() => readNifti(bytes.slice(0, bytes.length - 10))).toThrow(/needs 592 bytes .* has 582/);
  });

  it('refuses a label image with values outside 0..255', () => {
    const bytes = writeNifti({ ...obliqueGeometry(), channels: [Float32Array.from({ length: 60 }, (_, n) => (n === 7 ? 300 : 1))] });
    expect(() => readNiftiLabelmap(bytes)).toThrow(/voxel 7 has value 300/);
  });
});

describeWithSharedData(
  'real FreeSurfer brain (256³, LIA)',
  ['brain-t1-freesurfer/norm_T1.nii.gz', 'brain-t1-freesurfer/norm.mgz', 'brain-t1-freesurfer/tissue3_derived.nii.gz'],
  ([niiPath, mgzPath, tissuePath]) => {
    let nii: Volume;
    beforeAll(() => {
      nii = readNifti(readFileSync(niiPath));
    });

    it('reads norm_T1.nii.gz as LIA in RAS = +x, -z, -y in LPS, 1 mm', () => {
      expect(nii.dimensions).toEqual([256, 256, 256]);
      expectSameGeometry(nii, { ...nii, spacing: [1, 1, 1], direction: [1, 0, 0, 0, 0, -1, 0, -1, 0] });
    });

    it('gives the same geometry and voxels from the .mgz (nibabel wrote the .nii.gz from it)', () => {
      const mgz = readMgh(readFileSync(mgzPath));
      expectSameGeometry(mgz, nii, 1e-3);
      expect(firstDifference(mgz.channels[0], nii.channels[0])).toBe(-1);
    });

    it('reads tissue3_derived.nii.gz with the class counts stated in SOURCE.md', () => {
      const tissue = readNiftiLabelmap(readFileSync(tissuePath));
      expectSameGeometry(tissue, nii, 1e-3);
      const counts = [0, 0, 0, 0];
      for (const v of tissue.data) counts[v]++;
      expect(counts).toEqual([15657369, 21921, 592489, 505437]);
    });

    it('survives writeNifti → readNifti on the real brain unchanged', () => {
      const back = readNifti(writeNifti(nii));
      expectSameGeometry(back, nii, 1e-5);
      expect(firstDifference(back.channels[0], nii.channels[0])).toBe(-1);
    });
  },
);
