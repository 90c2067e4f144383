import { firstItem, number, numbers, sequenceItems, text } from '../io/dicom/attributes';
import { readPart10, type NaturalizedDataset } from '../io/dicom/dcmjs';
import type { Geometry, Labelmap } from '../volume/Volume';
import type { Code } from './codes';
import { SEGMENTATION_STORAGE } from './enums';
import { unpackBits } from './packBits';
import { GeometryMismatchError, SegmentationError } from './SegmentationError';
import { sourceGrid } from './sourceGrid';

/** A segment as described in a SEG's SegmentSequence. */
export interface SegmentInfo {
  SegmentNumber: number;
  SegmentLabel: string;
  SegmentAlgorithmType: string;
  category?: Code;
  type?: Code;
  /** RecommendedDisplayCIELabValue as stored (0..65535 scaled), when present. */
  cielab?: number[];
}

/** Two segments claiming the same voxels. */
export interface SegmentOverlap {
  segments: [number, number];
  voxels: number;
}

/** A SEG read onto its source grid. */
export interface ReadSegmentationResult {
  /** Voxel = segment number (0 = none). Where segments overlap, the lowest segment number wins (see `overlaps`). */
  labelmap: Labelmap;
  segments: SegmentInfo[];
  /** Every overlapping pair with its voxel count; empty when segments are disjoint. */
  overlaps: SegmentOverlap[];
  segmentationType: 'BINARY' | 'FRACTIONAL';
  /** FRACTIONAL only: per segment (index = number − 1), value / MaximumFractionalValue per voxel. */
  fractions?: Float32Array[];
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * Reads a DICOM Segmentation (ours, dcmqi's, highdicom's; BINARY or FRACTIONAL, frames in any order) onto the
 * grid of its source series. Each frame is placed by projecting its ImagePositionPatient onto the source
 * grid — not by frame order — so SEGs that omit empty frames or order them differently land correctly.
 * A FRACTIONAL voxel belongs to a segment when its value is at least half of MaximumFractionalValue.
 * @param source The source grid, or the source series' instance metadata to compute it from.
 * @throws SegmentationError for a non-SEG or unsupported encoding; GeometryMismatchError for frames that are
 * not on the source grid (other size, orientation, or position between slices).
 */
export function readSegmentation(bytes: ArrayBuffer, source: Geometry | NaturalizedDataset[]): ReadSegmentationResult {
  let parsed;
  try {
    parsed = readPart10(bytes);
  } catch (error) {
    throw new SegmentationError(`the bytes are not DICOM Part 10 (${(error as Error).message}); expected a SEG file.`);
  }
  const ds = parsed.dataset;
  if (text(ds.SOPClassUID) !== SEGMENTATION_STORAGE) {
    throw new SegmentationError(`SOPClassUID is ${text(ds.SOPClassUID)}; expected Segmentation Storage ${SEGMENTATION_STORAGE}.`);
  }
  const grid = Array.isArray(source) ? sourceGrid(source).geometry : source;
  const [columns, rows, slices] = grid.dimensions;
  if (number(ds.Columns, 0) !== columns || number(ds.Rows, 0) !== rows) {
    throw new GeometryMismatchError(`SEG frames are ${ds.Columns}x${ds.Rows}; the source grid is ${columns}x${rows}.`);
  }
  const type = text(ds.SegmentationType);
  if (type !== 'BINARY' && type !== 'FRACTIONAL') {
    throw new SegmentationError(`SegmentationType ${type} is not supported; expected BINARY or FRACTIONAL.`);
  }
  const bits = number(ds.BitsAllocated, 1);
  const maxFraction = number(ds.MaximumFractionalValue, 255);
  const pixels = concatenate(ds.PixelData);
  const segments = sequenceItems(ds.SegmentSequence).map(segmentInfo);
  const sliceVoxels = columns * rows;
  const labelmap: Labelmap = { ...copyGeometry(grid), data: new Uint8Array(sliceVoxels * slices) };
  const fractions = type === 'FRACTIONAL' ? segments.map(() => new Float32Array(sliceVoxels * slices)) : undefined;
  const overlapCounts = new Map<string, number>();
  const perFrame = sequenceItems(ds.PerFrameFunctionalGroupsSequence);
  const shared = firstItem(ds.SharedFunctionalGroupsSequence);
  const frameCount = number(ds.NumberOfFrames, 1);
  for (let f = 0; f < frameCount; f++) {
    const group = (name: string) => firstItem(perFrame[f]?.[name]) ?? firstItem(shared?.[name]);
    const segmentNumber = number(group('SegmentIdentificationSequence')?.ReferencedSegmentNumber, 0);
    if (segmentNumber < 1 || segmentNumber > 255 || !segments.some((s) => s.SegmentNumber === segmentNumber)) {
      throw new SegmentationError(`frame ${f + 1} references segment ${segmentNumber}, which is not in SegmentSequence (or > 255).`);
    }
    checkOrientation(numbers(group('PlaneOrientationSequence')?.ImageOrientationPatient), grid, f);
    const k = sliceOf(numbers(group('PlanePositionSequence')?.ImagePositionPatient), grid, f);
    const values = bits === 1 ? unpackBits(pixels, f * sliceVoxels, sliceVoxels) : pixels.subarray(f * sliceVoxels, (f + 1) * sliceVoxels);
    const threshold = bits === 1 ? 1 : Math.ceil(maxFraction / 2);
    const offset = k * sliceVoxels;
    for (let n = 0; n < sliceVoxels; n++) {
      if (fractions) fractions[segmentNumber - 1][offset + n] = values[n] / maxFraction;
      if (values[n] < threshold) continue;
      const previous = labelmap.data[offset + n];
      if (previous && previous !== segmentNumber) {
        const key = `${Math.min(previous, segmentNumber)},${Math.max(previous, segmentNumber)}`;
        overlapCounts.set(key, (overlapCounts.get(key) ?? 0) + 1);
        labelmap.data[offset + n] = Math.min(previous, segmentNumber);
      } else {
        labelmap.data[offset + n] = segmentNumber;
      }
    }
  }
  return {
    labelmap,
    segments,
    overlaps: [...overlapCounts].map(([key, voxels]) => ({ segments: key.split(',').map(Number) as [number, number], voxels })),
    segmentationType: type,
    fractions,
    sopInstanceUID: text(ds.SOPInstanceUID),
    seriesInstanceUID: text(ds.SeriesInstanceUID),
  };
}

function segmentInfo(item: NaturalizedDataset): SegmentInfo {
  const code = (value: unknown): Code | undefined => {
    const c = firstItem(value);
    return c ? { CodeValue: text(c.CodeValue), CodingSchemeDesignator: text(c.CodingSchemeDesignator), CodeMeaning: text(c.CodeMeaning) } : undefined;
  };
  const lab = numbers(item.RecommendedDisplayCIELabValue);
  return {
    SegmentNumber: number(item.SegmentNumber, 0),
    SegmentLabel: text(item.SegmentLabel),
    SegmentAlgorithmType: text(item.SegmentAlgorithmType),
    category: code(item.SegmentedPropertyCategoryCodeSequence),
    type: code(item.SegmentedPropertyTypeCodeSequence),
    cielab: lab.length === 3 ? lab : undefined,
  };
}

function checkOrientation(orientation: number[], grid: Geometry, frame: number): void {
  if (orientation.length !== 6) return; // absent: the SEG claims the source plane
  if (orientation.some((v, n) => Math.abs(v - grid.direction[n]) > 1e-3)) {
    throw new GeometryMismatchError(
      `SEG frame ${frame + 1} has ImageOrientationPatient [${orientation}] but the source grid's is [${grid.direction.slice(0, 6)}]; ` +
        'the SEG was made on another plane (reformat) and cannot be placed on this series.',
    );
  }
}

/** Slice index of a frame position; the position must lie on a slice of the grid (0.05 voxel tolerance). */
function sliceOf(position: number[], grid: Geometry, frame: number): number {
  if (position.length !== 3) throw new SegmentationError(`SEG frame ${frame + 1} has no ImagePositionPatient; cannot place it.`);
  const d = position.map((v, n) => v - grid.origin[n]);
  const along = (axis: number) => d[0] * grid.direction[3 * axis] + d[1] * grid.direction[3 * axis + 1] + d[2] * grid.direction[3 * axis + 2];
  const k = along(2) / grid.spacing[2];
  const slice = Math.round(k);
  const inPlane = [along(0) / grid.spacing[0], along(1) / grid.spacing[1]];
  if (Math.abs(k - slice) > 0.05 || inPlane.some((v) => Math.abs(v) > 0.05) || slice < 0 || slice >= grid.dimensions[2]) {
    throw new GeometryMismatchError(
      `SEG frame ${frame + 1} at [${position}] is at voxel (${inPlane.map((v) => v.toFixed(2))}, ${k.toFixed(2)}) of the source grid; ` +
        `expected (0, 0, integer 0..${grid.dimensions[2] - 1}). Is this SEG derived from another series?`,
    );
  }
  return slice;
}

function copyGeometry(g: Geometry): Geometry {
  return { dimensions: [...g.dimensions], spacing: [...g.spacing], origin: [...g.origin], direction: [...g.direction] };
}

function concatenate(pixelData: unknown): Uint8Array {
  const parts = (Array.isArray(pixelData) ? pixelData : pixelData ? [pixelData] : []) as ArrayBuffer[];
  const arrays = parts.map((p) => new Uint8Array(p));
  if (arrays.length === 1) return arrays[0];
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  arrays.reduce((offset, a) => (out.set(a, offset), offset + a.length), 0);
  return out;
}
