/**
 * 1-bit packing of BINARY SEG pixel data (PS3.5 8.1.1): pixels in frame order, each frame row-major, the first
 * pixel in the least significant bit of the first byte. Frames follow each other **without padding**, so with
 * an odd frame size (e.g. 23x38 = 874 bits) a frame starts mid-byte; only the whole value is padded to an
 * even byte count.
 */
export function packBits(bits: Uint8Array): Uint8Array {
  const bytes = Math.ceil(bits.length / 8);
  const out = new Uint8Array(bytes + (bytes % 2));
  for (let n = 0; n < bits.length; n++) if (bits[n]) out[n >> 3] |= 1 << (n & 7);
  return out;
}

/** Inverse of {@link packBits}: `count` pixels (0 or 1) starting at pixel `start` of the packed stream. */
export function unpackBits(packed: Uint8Array, start: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const p = start + n;
    out[n] = (packed[p >> 3] >> (p & 7)) & 1;
  }
  return out;
}
