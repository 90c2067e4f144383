import type { Labelmap, Volume } from '../volume/Volume';
import { geometryFromRasAffine, type Affine4 } from './affine';
import { asBytes, gunzipIfNeeded } from './gzip';
import { ImageFormatError } from './ImageFormatError';
import { DEFAULT_MAX_IMAGE_BYTES, overCeilingMessage, type SizeLimitOptions } from './sizeLimit';
import { toLabels } from './toLabels';
import { decodeVoxels, VOXEL_BYTES, type VoxelType } from './voxelTypes';

/**
 * The MGH header (FreeSurfer `mghformat`; all fields big-endian): dimensions, frames, voxel type, voxel sizes,
 * direction cosines `Mdc` (columns x, y, z in RAS) and the RAS position of the volume centre `c_ras`.
 */
export interface MghHeader {
  dimensions: [number, number, number];
  frames: number;
  type: VoxelType;
  /** goodRASFlag: when <= 0 the orientation fields are absent and FreeSurfer's coronal default applies. */
  goodRas: boolean;
  spacing: [number, number, number];
  /** Mdc column-wise: [x_r, x_a, x_s, y_r, y_a, y_s, z_r, z_a, z_s]. */
  mdc: number[];
  cRas: [number, number, number];
}

/** MGH voxel type codes (MRI_UCHAR, MRI_INT, MRI_FLOAT, MRI_SHORT). */
const MGH_TYPE: Record<number, VoxelType> = { 0: 'uint8', 1: 'int32', 3: 'float32', 4: 'int16' };
/** Voxel data follows a fixed 284-byte header. */
const MGH_DATA_OFFSET = 284;
/** FreeSurfer's orientation when goodRASFlag is unset: coronal LIA, 1 mm. */
const DEFAULT_MDC = [-1, 0, 0, 0, 0, -1, 0, 1, 0];

/** Parses the header of an `.mgh` (or, gzip detected from the bytes, `.mgz`) file. */
export function readMghHeader(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): MghHeader {
  return parseMghHeader(gunzipIfNeeded(asBytes(input), 'MGH', options.maxBytes));
}

/**
 * Reads a FreeSurfer `.mgh`/`.mgz` volume into a Volume in LPS (one channel per frame). The voxel-to-RAS
 * affine is built as FreeSurfer and nibabel do: M = Mdc · diag(spacing), origin = c_ras − M · (dims / 2);
 * x and y are then negated for LPS.
 * Sizes are checked before allocating: inflating stops at the ceiling, and the declared dimensions must fit
 * the file and the ceiling.
 * @throws ImageFormatError for a wrong version, unsupported voxel type, truncated data or a size over the ceiling.
 */
export function readMgh(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): Volume {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const bytes = gunzipIfNeeded(asBytes(input), 'MGH', maxBytes);
  const h = parseMghHeader(bytes);
  const voxels = h.dimensions[0] * h.dimensions[1] * h.dimensions[2];
  const needed = MGH_DATA_OFFSET + voxels * h.frames * VOXEL_BYTES[h.type];
  if (voxels * h.frames * 4 > maxBytes) {
    throw new ImageFormatError('MGH', overCeilingMessage(`${h.dimensions.join('x')}x${h.frames}`, voxels * h.frames * 4, maxBytes));
  }
  if (bytes.length < needed) {
    throw new ImageFormatError(
      'MGH',
      `data needs ${needed} bytes (${h.dimensions.join('x')}x${h.frames} ${h.type}) but the file has ${bytes.length}. ` +
        'The file is truncated.',
    );
  }
  const channels: Float32Array[] = [];
  for (let f = 0; f < h.frames; f++) {
    const offset = MGH_DATA_OFFSET + f * voxels * VOXEL_BYTES[h.type];
    channels.push(decodeVoxels(bytes, offset, voxels, h.type, false));
  }
  return { ...geometryFromRasAffine(mghRasAffine(h), h.dimensions), channels };
}

/**
 * Reads a single-frame MGH label volume with values 0..255 as a Labelmap. FreeSurfer segmentations such as
 * `aseg`/`aparc+aseg` hold larger label ids: read them with {@link readMgh} and remap.
 */
export function readMghLabelmap(input: Uint8Array | ArrayBuffer, options: SizeLimitOptions = {}): Labelmap {
  const volume = readMgh(input, options);
  if (volume.channels.length !== 1) {
    throw new ImageFormatError('MGH', `a label volume must have one frame; this one has ${volume.channels.length}.`);
  }
  const { channels: _channels, ...geometry } = volume;
  return { ...geometry, data: toLabels(volume.channels[0], 'MGH') };
}

/** The voxel-to-RAS affine of an MGH header (FreeSurfer "vox2ras", not the tkregister one). */
export function mghRasAffine(h: MghHeader): Affine4 {
  const m: Affine4 = new Array(16).fill(0);
  for (let r = 0; r < 3; r++) {
    let centre = h.cRas[r];
    for (let c = 0; c < 3; c++) {
      m[4 * r + c] = h.mdc[3 * c + r] * h.spacing[c];
      centre -= m[4 * r + c] * (h.dimensions[c] / 2);
    }
    m[4 * r + 3] = centre;
  }
  m[15] = 1;
  return m;
}

function parseMghHeader(bytes: Uint8Array): MghHeader {
  if (bytes.length < MGH_DATA_OFFSET) {
    throw new ImageFormatError('MGH', `file has ${bytes.length} bytes; the header alone needs 284. Is it truncated?`);
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getInt32(0, false);
  if (version !== 1) {
    throw new ImageFormatError('MGH', `version is ${version}; expected 1. Pass a FreeSurfer .mgh or .mgz file.`);
  }
  const typeCode = v.getInt32(20, false);
  const type = MGH_TYPE[typeCode];
  if (!type) {
    throw new ImageFormatError('MGH', `voxel type ${typeCode} is not supported; expected 0 (uchar), 1 (int), 3 (float) or 4 (short).`);
  }
  const goodRas = v.getInt16(28, false) > 0;
  const f32 = (o: number) => v.getFloat32(o, false);
  const spacing = [0, 1, 2].map((n) => f32(30 + 4 * n)) as [number, number, number];
  const dimensions: [number, number, number] = [v.getInt32(4, false), v.getInt32(8, false), v.getInt32(12, false)];
  if (dimensions.some((d) => d < 1)) {
    throw new ImageFormatError('MGH', `dimensions are ${dimensions.join('x')}; each must be at least 1. The header is corrupt.`);
  }
  return {
    dimensions,
    frames: Math.max(1, v.getInt32(16, false)),
    type,
    goodRas,
    spacing: goodRas ? spacing : [1, 1, 1],
    mdc: goodRas ? Array.from({ length: 9 }, (_, n) => f32(42 + 4 * n)) : DEFAULT_MDC,
    cRas: goodRas ? ([0, 1, 2].map((n) => f32(78 + 4 * n)) as [number, number, number]) : [0, 0, 0],
  };
}
