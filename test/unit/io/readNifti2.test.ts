import { readNifti, readNiftiHeader } from '../../../src/io/readNifti';

/** A minimal NIfTI-2 file (540-byte header + 4-byte extension flag), float32 voxels, sform only. */
function nifti2(dims: [number, number, number], srow: number[][], values: Float32Array, littleEndian = true): Uint8Array {
  const bytes = new Uint8Array(544 + values.length * 4);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, 540, littleEndian);
  [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].forEach((b, n) => v.setUint8(4 + n, b));
  v.setInt16(12, 16, littleEndian); // DT_FLOAT32
  v.setInt16(14, 32, littleEndian);
  [3, ...dims, 1, 1, 1, 1].forEach((d, n) => v.setBigInt64(16 + 8 * n, BigInt(d), littleEndian));
  [1, 1, 1, 1, 1, 1, 1, 1].forEach((p, n) => v.setFloat64(104 + 8 * n, p, littleEndian));
  v.setBigInt64(168, 544n, littleEndian);
  v.setInt32(348, 1, littleEndian); // sform_code
  srow.forEach((row, r) => row.forEach((x, c) => v.setFloat64(400 + 32 * r + 8 * c, x, littleEndian)));
  values.forEach((x, n) => v.setFloat32(544 + 4 * n, x, littleEndian));
  return bytes;
}

describe('readNifti on NIfTI-2', () => {
  const values = Float32Array.from({ length: 24 }, (_, n) => n - 3.5);
  // RAS affine: 2 mm along x, 3 mm along y, 4 mm along z, origin (10, 20, 30) RAS.
  const srow = [[2, 0, 0, 10], [0, 3, 0, 20], [0, 0, 4, 30]];

  it.each([true, false])('reads little-endian=%s headers and voxels, converting RAS to LPS', (littleEndian) => {
    const bytes = nifti2([2, 3, 4], srow, values, littleEndian);
    expect(readNiftiHeader(bytes)).toMatchObject({ version: 2, littleEndian, datatype: 'float32', voxOffset: 544 });
    const volume = readNifti(bytes);
    expect(volume.dimensions).toEqual([2, 3, 4]);
    expect(volume.spacing).toEqual([2, 3, 4]);
    expect(volume.origin).toEqual([-10, -20, 30]);
    expect(volume.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(Array.from(volume.channels[0])).toEqual(Array.from(values));
  });
});
