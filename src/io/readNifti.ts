import type { Labelmap, Volume } from '../volume/Volume';
import { geometryFromRasAffine } from './affine';
import { asBytes, gunzipIfNeeded } from './gzip';
import { ImageFormatError } from './ImageFormatError';
import { niftiRasAffine } from './nifti/niftiAffine';
import { parseNiftiHeader, type NiftiHeader } from './nifti/niftiHeader';
import { toLabels } from './toLabels';
import { DEFAULT_MAX_IMAGE_BYTES, overCeilingMessage, type SizeLimitOptions } from './sizeLimit';
import { decodeVoxels, VOXEL_BYTES } from './voxelTypes';

/**
 * Reads a NIfTI-1 or NIfTI-2 image (`.nii`, or `.nii.gz`: gzip is detected from the bytes) into a Volume in
 * DICOM patient coordinates (LPS, mm). The affine is the sform when present, else the qform (see
 * {@link niftiRasAffine}); RAS x and y are negated. Voxel order is unchanged: NIfTI's i-fastest layout is
 * ours. Each 3-D volume along dim[4..7] (time, components) becomes one channel. Scaling
 * (`scl_slope`, `scl_inter`) is applied. Sizes are checked before allocating: inflating stops at the ceiling,
 * and the declared dimensions must fit the file and the ceiling.
 * @throws ImageFormatError when the bytes are not a supported NIfTI file, are truncated, or exceed the ceiling.
 */
export function readNifti(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): Volume {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const bytes = gunzipIfNeeded(asBytes(input), 'NIfTI', maxBytes);
  const header = parseNiftiHeader(bytes);
  const { dimensions, channelCount } = niftiShape(header);
  const geometry = geometryOf(header, dimensions);
  const voxels = dimensions[0] * dimensions[1] * dimensions[2];
  const needed = header.voxOffset + voxels * channelCount * VOXEL_BYTES[header.datatype];
  if (voxels * channelCount * 4 > maxBytes) {
    throw new ImageFormatError('NIfTI', overCeilingMessage(`dim ${dimensions.join('x')}x${channelCount}`, voxels * channelCount * 4, maxBytes));
  }
  if (bytes.length < needed) {
    throw new ImageFormatError(
      'NIfTI',
      `data needs ${needed} bytes (${dimensions.join('x')}x${channelCount} ${header.datatype} from offset ` +
        `${header.voxOffset}) but the file has ${bytes.length}. The file is truncated.`,
    );
  }
  const scale = Number.isFinite(header.sclSlope) && header.sclSlope !== 0;
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    const offset = header.voxOffset + c * voxels * VOXEL_BYTES[header.datatype];
    const values = decodeVoxels(bytes, offset, voxels, header.datatype, header.littleEndian);
    if (scale && (header.sclSlope !== 1 || header.sclInter !== 0)) {
      for (let n = 0; n < values.length; n++) values[n] = values[n] * header.sclSlope + header.sclInter;
    }
    channels.push(values);
  }
  return { ...geometry, channels };
}

/**
 * Reads a NIfTI label image (one 3-D volume of integers 0..255: 0 = unlabelled, 1..K = classes) as a Labelmap.
 * @throws ImageFormatError when the file has several volumes or values that are not integers in 0..255.
 */
export function readNiftiLabelmap(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): Labelmap {
  const volume = readNifti(input, options);
  if (volume.channels.length !== 1) {
    throw new ImageFormatError(
      'NIfTI',
      `a label image must hold one 3-D volume; this file holds ${volume.channels.length}. Pass a single label volume.`,
    );
  }
  const { channels: _channels, ...geometry } = volume;
  return { ...geometry, data: toLabels(volume.channels[0], 'NIfTI') };
}

/** Header fields a caller may want to show (e.g. `ssldec info`). */
export function readNiftiHeader(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): NiftiHeader {
  return parseNiftiHeader(gunzipIfNeeded(asBytes(input), 'NIfTI', options.maxBytes));
}

function niftiShape(h: NiftiHeader): { dimensions: [number, number, number]; channelCount: number } {
  const rank = h.dim[0];
  if (!(rank >= 1 && rank <= 7)) {
    throw new ImageFormatError('NIfTI', `dim[0] is ${rank}; expected 1..7. The header is corrupt.`);
  }
  for (let n = 1; n <= rank; n++) {
    if (!(h.dim[n] >= 1)) {
      throw new ImageFormatError('NIfTI', `dim[${n}] is ${h.dim[n]}; every dimension up to dim[0] = ${rank} must be at least 1. The header is corrupt.`);
    }
  }
  const size = (n: number) => (n <= rank ? h.dim[n] : 1);
  let channelCount = 1;
  for (let n = 4; n <= rank; n++) channelCount *= size(n);
  return { dimensions: [size(1), size(2), size(3)], channelCount };
}

function geometryOf(h: NiftiHeader, dimensions: [number, number, number]) {
  try {
    return geometryFromRasAffine(niftiRasAffine(h), dimensions);
  } catch (error) {
    throw new ImageFormatError('NIfTI', `${(error as Error).message}. Fix the sform/qform of the file.`);
  }
}
