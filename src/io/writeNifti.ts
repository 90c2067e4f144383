import { voxelCount, type Labelmap, type Volume } from '../volume/Volume';
import { rasAffineFromGeometry } from './affine';
import { gzip } from './gzip';
import { ImageFormatError } from './ImageFormatError';
import { qformFromAffine } from './nifti/niftiAffine';
import { NIFTI1_HEADER_SIZE } from './nifti/niftiHeader';
import { encodeVoxels } from './voxelTypes';

/** Options of {@link writeNifti}. */
export interface WriteNiftiOptions {
  /** Gzip the result (`.nii.gz`). Default false. */
  gzip?: boolean;
  /** Free text stored in `descrip` (at most 79 ASCII characters are kept). */
  description?: string;
}

/** NIfTI-1 header plus the 4-byte empty extension flag: data starts here. */
const VOX_OFFSET = NIFTI1_HEADER_SIZE + 4;

/**
 * Writes a Volume (float32, channels along dim[4]) or a Labelmap (uint8) as a little-endian single-file
 * NIfTI-1. The LPS geometry is converted to a RAS affine stored as sform (code 1, scanner) and, when the axes
 * are orthogonal, as an equivalent qform, so FSL, ITK, nibabel and FreeSurfer agree on it.
 * @throws ImageFormatError when the data length does not match the dimensions.
 */
export function writeNifti(image: Volume | Labelmap, options: WriteNiftiOptions = {}): Uint8Array {
  const isLabelmap = 'data' in image;
  const arrays: ArrayLike<number>[] = isLabelmap ? [image.data] : image.channels;
  const voxels = voxelCount(image);
  arrays.forEach((a, c) => {
    if (a.length !== voxels) {
      throw new ImageFormatError(
        'NIfTI',
        `${isLabelmap ? 'labelmap data' : `channel ${c}`} has ${a.length} values; expected ` +
          `${image.dimensions.join('x')} = ${voxels}. Fix the image before writing.`,
      );
    }
  });
  const bytesPerVoxel = isLabelmap ? 1 : 4;
  const out = new Uint8Array(VOX_OFFSET + voxels * arrays.length * bytesPerVoxel);
  writeHeader(new DataView(out.buffer), image, arrays.length, isLabelmap, options.description ?? '');
  arrays.forEach((a, c) => out.set(encodeVoxels(a, isLabelmap ? 'uint8' : 'float32'), VOX_OFFSET + c * voxels * bytesPerVoxel));
  return options.gzip ? gzip(out) : out;
}

function writeHeader(v: DataView, image: Volume | Labelmap, channels: number, isLabelmap: boolean, descrip: string): void {
  const le = true;
  const affine = rasAffineFromGeometry(image);
  const qform = qformFromAffine(affine);
  v.setInt32(0, NIFTI1_HEADER_SIZE, le);
  v.setUint8(38, 'r'.charCodeAt(0)); // `regular`, kept for ANALYZE readers
  const dim = [channels > 1 ? 4 : 3, ...image.dimensions, channels, 1, 1, 1];
  dim.forEach((d, n) => v.setInt16(40 + 2 * n, d, le));
  v.setInt16(70, isLabelmap ? 2 : 16, le); // DT_UINT8 / DT_FLOAT32
  v.setInt16(72, isLabelmap ? 8 : 32, le); // bitpix
  const pixdim = [qform?.qfac ?? 1, ...image.spacing, 1, 1, 1, 1];
  pixdim.forEach((p, n) => v.setFloat32(76 + 4 * n, p, le));
  v.setFloat32(108, VOX_OFFSET, le);
  v.setFloat32(112, 1, le); // scl_slope: identity scaling
  v.setFloat32(116, 0, le);
  v.setUint8(123, 2); // xyzt_units: NIFTI_UNITS_MM
  const text = descrip.replace(/[^\x20-\x7e]/g, '?').slice(0, 79);
  for (let n = 0; n < text.length; n++) v.setUint8(148 + n, text.charCodeAt(n));
  v.setInt16(252, qform ? 1 : 0, le); // qform_code: NIFTI_XFORM_SCANNER_ANAT
  v.setInt16(254, 1, le); // sform_code: NIFTI_XFORM_SCANNER_ANAT
  if (qform) {
    qform.quatern.forEach((q, n) => v.setFloat32(256 + 4 * n, q, le));
    qform.qoffset.forEach((q, n) => v.setFloat32(268 + 4 * n, q, le));
  }
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) v.setFloat32(280 + 16 * r + 4 * c, affine[4 * r + c], le);
  }
  [0x6e, 0x2b, 0x31, 0].forEach((b, n) => v.setUint8(344 + n, b)); // magic "n+1\0"
}
