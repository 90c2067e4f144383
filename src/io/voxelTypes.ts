/** Numeric voxel storage types shared by NIfTI and MGH (names follow typed arrays). */
export type VoxelType = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

/** Bytes per voxel of each type. */
export const VOXEL_BYTES: Record<VoxelType, number> = {
  uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8,
};

const ARRAY_OF: Record<VoxelType, new (b: ArrayBuffer) => ArrayLike<number>> = {
  uint8: Uint8Array, int8: Int8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
};

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes `count` voxels of `type` starting at `byteOffset` into a new Float32Array.
 * Little-endian data on a little-endian host goes through a typed-array view (fast path); big-endian data
 * (all MGH files) is byte-swapped in place on a copy first.
 */
export function decodeVoxels(
  bytes: Uint8Array, byteOffset: number, count: number, type: VoxelType, littleEndian: boolean,
): Float32Array {
  const size = VOXEL_BYTES[type];
  // Copy into an aligned buffer: the typed-array view needs alignment and we may swap bytes.
  const raw = bytes.slice(byteOffset, byteOffset + count * size);
  if (size > 1 && littleEndian !== LITTLE_ENDIAN_HOST) swapBytes(raw, size);
  const view = new ARRAY_OF[type](raw.buffer);
  if (type === 'float32') return view as Float32Array;
  return Float32Array.from(view);
}

/** Encodes a Float32Array as little-endian bytes of `type` (values are rounded for integer types). */
export function encodeVoxels(values: ArrayLike<number>, type: 'uint8' | 'float32'): Uint8Array {
  if (type === 'uint8') return Uint8Array.from(values);
  const out = Float32Array.from(values);
  const bytes = new Uint8Array(out.buffer);
  if (!LITTLE_ENDIAN_HOST) swapBytes(bytes, 4);
  return bytes;
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let p = 0; p + size <= bytes.length; p += size) {
    for (let a = p, b = p + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}
