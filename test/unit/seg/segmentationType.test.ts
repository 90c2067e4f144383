import { SegmentationType } from '../../../src/seg/enums';
import { SegmentationError } from '../../../src/seg/SegmentationError';
import { segmentationTypeFor } from '../../../src/seg/segmentationType';

describe('segmentationTypeFor', () => {
  it('is BINARY when every frame starts on a byte, FRACTIONAL (binary values) otherwise', () => {
    for (const [rows, columns] of [[96, 96], [512, 512], [89, 88], [38, 24]]) {
      expect(segmentationTypeFor(rows, columns, undefined, false)).toBe(SegmentationType.BINARY);
    }
    for (const [rows, columns] of [[106, 91], [86, 86], [38, 23], [37, 45]]) {
      expect(segmentationTypeFor(rows, columns, undefined, false)).toBe(SegmentationType.FRACTIONAL);
    }
  });

  it('keeps what the caller forces, and a confidence is always FRACTIONAL', () => {
    expect(segmentationTypeFor(38, 23, SegmentationType.BINARY, false)).toBe(SegmentationType.BINARY);
    expect(segmentationTypeFor(96, 96, SegmentationType.FRACTIONAL, false)).toBe(SegmentationType.FRACTIONAL);
    expect(segmentationTypeFor(96, 96, undefined, true)).toBe(SegmentationType.FRACTIONAL);
  });

  it('refuses BINARY with a confidence, and unknown types, saying what to do', () => {
    expect(() => segmentationTypeFor(96, 96, SegmentationType.BINARY, true)).toThrow(SegmentationError);
    expect(() => segmentationTypeFor(96, 96, SegmentationType.BINARY, true)).toThrow(/drop one/);
    expect(() => segmentationTypeFor(96, 96, 'LABELMAP' as SegmentationType, false)).toThrow(/not BINARY or FRACTIONAL/);
  });
});
