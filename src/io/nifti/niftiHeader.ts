import { ImageFormatError } from '../ImageFormatError';
import type { VoxelType } from '../voxelTypes';

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that we use, in the names of the standard
 * (https://nifti.nimh.nih.gov/pub/dist/src/niftilib/nifti1.h and nifti2.h).
 */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** dim[0..7]: dim[0] = number of dimensions, dim[1..3] = i, j, k sizes, dim[4..] = time / components. */
  dim: number[];
  /** pixdim[0..7]: pixdim[0] = qfac (±1), pixdim[1..3] = voxel size in mm. */
  pixdim: number[];
  datatype: VoxelType;
  /** Byte offset of the voxel data in the (decompressed) file. */
  voxOffset: number;
  /** Data scaling: value = stored * sclSlope + sclInter, applied when sclSlope is finite and non-zero. */
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quatern: [number, number, number];
  qoffset: [number, number, number];
  /** srow_x, srow_y, srow_z: the sform affine's first three rows (RAS). */
  srow: [number[], number[], number[]];
}

/** NIfTI datatype codes (nifti1.h DT_*) that we decode. */
export const NIFTI_DATATYPE: Record<number, VoxelType> = {
  2: 'uint8', 4: 'int16', 8: 'int32', 16: 'float32', 64: 'float64', 256: 'int8', 512: 'uint16', 768: 'uint32',
};

/** Size of the NIfTI-1 header (`sizeof_hdr`). */
export const NIFTI1_HEADER_SIZE = 348;
const NIFTI2_HEADER_SIZE = 540;

/**
 * Parses a NIfTI-1 (`n+1`) or NIfTI-2 (`n+2`) single-file header from decompressed bytes.
 * Written by hand over a DataView (about 60 lines) because nifti-reader-js ships ESM-only with an
 * import-only `exports` map, which the project's Jest (CommonJS) cannot resolve.
 * @throws ImageFormatError for a non-NIfTI file, a `.hdr/.img` pair, or an unsupported datatype.
 */
export function parseNiftiHeader(bytes: Uint8Array): NiftiHeader {
  if (bytes.length < NIFTI1_HEADER_SIZE) {
    throw new ImageFormatError('NIfTI', `file has ${bytes.length} bytes; a header needs at least 348. Is it truncated?`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizeLE = view.getInt32(0, true);
  const sizeBE = view.getInt32(0, false);
  const littleEndian = sizeLE === NIFTI1_HEADER_SIZE || sizeLE === NIFTI2_HEADER_SIZE;
  const size = littleEndian ? sizeLE : sizeBE;
  if (size === NIFTI1_HEADER_SIZE) return parseVersion1(view, littleEndian);
  if (size === NIFTI2_HEADER_SIZE) return parseVersion2(view, littleEndian);
  throw new ImageFormatError(
    'NIfTI',
    `sizeof_hdr is ${sizeLE} (little-endian) / ${sizeBE} (big-endian); expected 348 (NIfTI-1) or 540 (NIfTI-2). ` +
      'Pass a .nii or .nii.gz file.',
  );
}

function checkMagic(view: DataView, offset: number, version: 1 | 2): void {
  const magic = String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2));
  if (magic === `ni${version}`) {
    throw new ImageFormatError('NIfTI', 'this is the header of a .hdr/.img pair; convert it to a single .nii file.');
  }
  if (magic !== `n+${version}`) {
    throw new ImageFormatError('NIfTI', `magic is "${magic}"; expected "n+${version}". The file is not NIfTI.`);
  }
}

function voxelType(code: number): VoxelType {
  const type = NIFTI_DATATYPE[code];
  if (!type) {
    throw new ImageFormatError(
      'NIfTI',
      `datatype ${code} is not supported; expected one of ${Object.keys(NIFTI_DATATYPE).join(', ')} ` +
        '(scalar integers or floats). Convert RGB, complex or 64-bit integer images to float32.',
    );
  }
  return type;
}

function parseVersion1(v: DataView, le: boolean): NiftiHeader {
  checkMagic(v, 344, 1);
  const int16 = (o: number) => v.getInt16(o, le);
  const f32 = (o: number) => v.getFloat32(o, le);
  return {
    version: 1,
    littleEndian: le,
    dim: Array.from({ length: 8 }, (_, n) => int16(40 + 2 * n)),
    pixdim: Array.from({ length: 8 }, (_, n) => f32(76 + 4 * n)),
    datatype: voxelType(int16(70)),
    voxOffset: Math.max(NIFTI1_HEADER_SIZE, Math.round(f32(108))),
    sclSlope: f32(112),
    sclInter: f32(116),
    qformCode: int16(252),
    sformCode: int16(254),
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srow: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f32(280 + 16 * r + 4 * c))) as NiftiHeader['srow'],
  };
}

function parseVersion2(v: DataView, le: boolean): NiftiHeader {
  checkMagic(v, 4, 2);
  const int64 = (o: number) => Number(v.getBigInt64(o, le));
  const f64 = (o: number) => v.getFloat64(o, le);
  return {
    version: 2,
    littleEndian: le,
    dim: Array.from({ length: 8 }, (_, n) => int64(16 + 8 * n)),
    pixdim: Array.from({ length: 8 }, (_, n) => f64(104 + 8 * n)),
    datatype: voxelType(v.getInt16(12, le)),
    voxOffset: Math.max(NIFTI2_HEADER_SIZE, int64(168)),
    sclSlope: f64(176),
    sclInter: f64(184),
    qformCode: v.getInt32(344, le),
    sformCode: v.getInt32(348, le),
    quatern: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srow: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f64(400 + 32 * r + 8 * c))) as NiftiHeader['srow'],
  };
}
