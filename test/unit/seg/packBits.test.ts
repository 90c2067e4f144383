import { packBits, unpackBits } from '../../../src/seg/packBits';

describe('packBits', () => {
  it('puts the first pixel in the least significant bit and pads to an even byte count', () => {
    expect(Array.from(packBits(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 1])))).toEqual([0x81, 0x01]);
    expect(packBits(new Uint8Array(17)).length).toBe(4); // 3 bytes of bits + 1 pad byte
  });

  it('does not pad between frames: frame 2 of 23x38 starts at bit 874, mid-byte', () => {
    const frame = 23 * 38;
    const bits = new Uint8Array(2 * frame);
    bits[frame] = 1; // first pixel of frame 2
    const packed = packBits(bits);
    expect(packed[874 >> 3]).toBe(1 << (874 & 7));
    expect(Array.from(unpackBits(packed, frame, frame))).toEqual(Array.from(bits.subarray(frame)));
  });
});
