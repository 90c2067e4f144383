import type { SourceFrame } from '../io/dicom/sourceFrames';
import type { Labelmap } from '../volume/Volume';
import { MAXIMUM_FRACTIONAL_VALUE, SegmentationFractionalType, SegmentationType } from './enums';
import { packBits } from './packBits';
import { SegmentationError } from './SegmentationError';

/** The frames of a SEG in order, and their encoded PixelData. */
export interface SegmentationPixels {
  /** Frame f shows segment `segmentNumber` on source slice `sliceIndex`. */
  frames: { segmentNumber: number; sliceIndex: number }[];
  /** PixelData value: bit-packed (BINARY) or one byte per pixel (FRACTIONAL), padded to even length. */
  data: Uint8Array;
  bitsAllocated: 1 | 8;
  /** SegmentationType and, for FRACTIONAL, SegmentationFractionalType and MaximumFractionalValue. */
  typeAttributes: Record<string, unknown>;
}

/**
 * Lays out frames segment by segment, slice by slice (ascending along the normal), skipping only slices
 * missing from the source; a segment's frame for slice k is `labelmap == segment` on that slice: 1 bit per
 * pixel (BINARY), or one byte per pixel (FRACTIONAL) holding 255 — or round(confidence · 255), at least 1, when
 * a confidence is given.
 * @throws SegmentationError for a label above `segmentCount`, or labels on a slice missing from the source.
 */
export function segmentationPixels(
  labelmap: Labelmap, slices: (SourceFrame | undefined)[], segmentCount: number, type: SegmentationType, confidence?: Float32Array,
): SegmentationPixels {
  const [columns, rows] = labelmap.dimensions;
  const sliceVoxels = columns * rows;
  for (let n = 0; n < labelmap.data.length; n++) {
    const v = labelmap.data[n];
    if (v > segmentCount) {
      throw new SegmentationError(`labelmap voxel ${n} has class ${v} but only ${segmentCount} segment(s) were described; describe every class.`);
    }
    if (v && !slices[Math.floor(n / sliceVoxels)]) {
      throw new SegmentationError(
        `labelmap slice ${Math.floor(n / sliceVoxels)} has labels but the source series has no image there (missing slice); clear it first.`,
      );
    }
  }
  const frames: SegmentationPixels['frames'] = [];
  for (let s = 1; s <= segmentCount; s++) slices.forEach((frame, k) => frame && frames.push({ segmentNumber: s, sliceIndex: k }));
  const values = new Uint8Array(frames.length * sliceVoxels);
  const on = type === SegmentationType.BINARY ? 1 : MAXIMUM_FRACTIONAL_VALUE;
  frames.forEach(({ segmentNumber, sliceIndex }, f) => {
    const from = sliceIndex * sliceVoxels;
    const to = f * sliceVoxels;
    for (let n = 0; n < sliceVoxels; n++) {
      if (labelmap.data[from + n] !== segmentNumber) continue;
      values[to + n] = confidence ? Math.max(1, Math.round(clamp01(confidence[from + n]) * MAXIMUM_FRACTIONAL_VALUE)) : on;
    }
  });
  if (type === SegmentationType.BINARY) {
    return { frames, data: packBits(values), bitsAllocated: 1, typeAttributes: { SegmentationType: SegmentationType.BINARY } };
  }
  const data = values.length % 2 ? padded(values) : values;
  return {
    frames,
    data,
    bitsAllocated: 8,
    typeAttributes: {
      SegmentationType: SegmentationType.FRACTIONAL,
      SegmentationFractionalType: SegmentationFractionalType.PROBABILITY,
      MaximumFractionalValue: MAXIMUM_FRACTIONAL_VALUE,
    },
  };
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function padded(values: Uint8Array): Uint8Array {
  const out = new Uint8Array(values.length + 1);
  out.set(values);
  return out;
}
