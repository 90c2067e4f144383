import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { DicomSeriesError } from '../../../src/io/dicom/DicomSeriesError';
import { gunzipIfNeeded } from '../../../src/io/gzip';
import { ImageFormatError } from '../../../src/io/ImageFormatError';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { readMgh } from '../../../src/io/readMgh';
import { readNifti } from '../../../src/io/readNifti';
import { writeNifti } from '../../../src/io/writeNifti';
import { editDicom } from '../../helpers/dicomFiles';
import { describeWithSharedData } from '../../helpers/sharedData';

const MiB = 1024 ** 2;
const grid = { spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] } as const;

/** A valid little-endian NIfTI-1 of 4x4x4 uint8 whose dim[] is then overwritten. */
function niftiWithDims(dims: number[]): Uint8Array {
  const bytes = writeNifti({ ...grid, dimensions: [4, 4, 4], data: new Uint8Array(64) } as never);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  dims.forEach((d, n) => view.setInt16(40 + 2 * n, d, true));
  return bytes;
}

/** An MGH header (284 bytes, big-endian) declaring `dims` uchar voxels, followed by `dataBytes` of data. */
function mgh(dims: number[], dataBytes: number): Uint8Array {
  const bytes = new Uint8Array(284 + dataBytes);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, 1);
  dims.forEach((d, n) => v.setInt32(4 + 4 * n, d));
  v.setInt32(16, 1);
  v.setInt32(20, 0);
  return bytes;
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('NIfTI and MGH sizes are checked before allocating', () => {
  it('a 352-byte NIfTI declaring 30000x30000x30000 voxels is refused against the ceiling', () => {
    const error = thrown(() => readNifti(niftiWithDims([3, 30000, 30000, 30000])));
    expect(error).toBeInstanceOf(ImageFormatError);
    expect(error.message).toMatch(/^NIfTI: dim 30000x30000x30000x1 needs \d+ MiB, over the 2048 MiB ceiling .*--max-image-mb/);
  });

  it('a NIfTI declaring more voxels than the file holds is refused as truncated; the ceiling is configurable', () => {
    expect(thrown(() => readNifti(niftiWithDims([3, 64, 64, 64]))).message).toMatch(/data needs 262496 bytes .* file has 416\. The file is truncated/);
    expect(thrown(() => readNifti(niftiWithDims([3, 64, 64, 64]), { maxBytes: 512 * 1024 })).message).toMatch(/needs 1 MiB, over the 0.5 MiB ceiling/);
  });

  it('a negative or zero dimension is refused (it used to read as 1)', () => {
    expect(thrown(() => readNifti(niftiWithDims([3, 4, -4, 4]))).message).toMatch(/dim\[2\] is -4; every dimension up to dim\[0\] = 3 must be at least 1/);
    expect(thrown(() => readNifti(niftiWithDims([3, 4, 4, 0]))).message).toMatch(/dim\[3\] is 0/);
  });

  it('inflating a small .nii.gz stops at the ceiling instead of inflating everything', () => {
    const bomb = gzipSync(new Uint8Array(24 * MiB), { level: 6 });
    expect(bomb.length).toBeLessThan(100_000);
    const error = thrown(() => readNifti(bomb, { maxBytes: 2 * MiB }));
    expect(error).toBeInstanceOf(ImageFormatError);
    // Stopped within one 1 kB input slice (at most ~1 MiB of output) of the ceiling, not at 24 MiB.
    expect(error.message).toMatch(/^NIfTI: the gzip data inflates past the 2 MiB ceiling for one image \(stopped after [23](\.\d)? MiB from a 0\.1 MiB file/);
  });

  it('a truncated .nii.gz says so, by name of the format, not "unexpected EOF" alone', () => {
    const volume = { ...grid, dimensions: [32, 32, 32], channels: [Float32Array.from({ length: 32 ** 3 }, (_, n) => Math.sin(n))] };
    const gz = writeNifti(volume as never, { gzip: true });
    const error = thrown(() => readNifti(gz.subarray(0, gz.length >> 1)));
    expect(error).toBeInstanceOf(ImageFormatError);
    expect(error.message).toMatch(/^NIfTI: the gzip data ends early \(unexpected end of file\)\. The file is truncated/);
    expect(gunzipIfNeeded(gz)).toHaveLength(352 + 4 * 32 ** 3);
  });

  it('MGH: declared dimensions against the ceiling and the file; negative dimensions refused', () => {
    expect(thrown(() => readMgh(mgh([65535, 65535, 65535], 0))).message).toMatch(/^MGH: 65535x65535x65535x1 needs \d+ MiB, over the 2048 MiB ceiling/);
    expect(thrown(() => readMgh(mgh([8, 8, 8], 100))).message).toMatch(/data needs 796 bytes .* file has 384\. The file is truncated/);
    expect(thrown(() => readMgh(mgh([8, -8, 8], 512))).message).toMatch(/dimensions are 8x-8x8; each must be at least 1/);
    expect(readMgh(mgh([8, 8, 8], 512)).dimensions).toEqual([8, 8, 8]);
  });
});

describeWithSharedData('DICOM sizes and damaged files are refused before allocating, naming the file', ['ct-liver-seg-dcmqi/tiny-24x38x3'], ([tiny]) => {
  const names = ['IMG0001.dcm', 'IMG0002.dcm', 'IMG0003.dcm'];
  const files = names.map((n) => {
    const b = readFileSync(join(tiny, n));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });

  function problem(buffers: ArrayBuffer[], options = {}): DicomSeriesError {
    const error = thrown(() => readDicomSeries(buffers, { fileNames: names.slice(0, buffers.length).concat(['copy.dcm']), ...options }));
    expect(error).toBeInstanceOf(DicomSeriesError);
    return error as DicomSeriesError;
  }

  it('a file claiming 65535x65535 pixels (PixelData of a 24x38 image) is refused as truncated, not allocated', () => {
    const huge = editDicom(files[0], (d) => { d.Rows = 65535; d.Columns = 65535; });
    const error = problem([huge]);
    expect(error.problem).toBe('truncated');
    expect(error.message).toMatch(/^IMG0001\.dcm: PixelData has 1824 bytes but 65535x65535x1 pixels of 16 bits need 8589672450/);
  });

  it('a 2e6 mm slice gap is refused against the ceiling before laying out the grid', () => {
    const far = files.map((f, n) => (n === 2 ? editDicom(f, (d) => { (d.ImagePositionPatient as number[])[2] += 2e6; }) : f));
    const error = problem(far);
    expect(error.problem).toBe('too-large');
    expect(error.message).toMatch(/a grid of \d+ slices for 3 frames \(the widest gap is 2000\d+\.\d mm after IMG0002\.dcm .* A slice position is corrupt/);
  });

  it('the ceiling is configurable', () => {
    const error = problem(files, { maxBytes: 1000 });
    expect(error.problem).toBe('too-large');
    expect(error.message).toMatch(/a 24x38x3 volume needs 0\.1 MiB, over the 0\.1 MiB ceiling/);
    expect(readDicomSeries(files).volume.dimensions).toEqual([24, 38, 3]);
  });

  it('a file cut short is named with its position; a duplicated instance is named as such', () => {
    const cut = files[1].slice(0, files[1].byteLength - 1000);
    const error = problem([files[0], cut, files[2]]);
    expect(error.problem).toBe('truncated');
    expect(error.message).toMatch(/^IMG0002\.dcm: PixelData has 824 bytes but 24x38x1 pixels of 16 bits need 1824\. The file is truncated/);
    const duplicate = problem([...files, files[1]]);
    expect(duplicate.problem).toBe('duplicate-instance');
    expect(duplicate.message).toMatch(/the same instance [\d.]+ is given twice \(IMG0002\.dcm and copy\.dcm\)\. Remove the copy/);
  });
});
