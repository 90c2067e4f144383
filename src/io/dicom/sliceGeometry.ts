import type { Geometry } from '../../volume/Volume';
import { DicomSeriesError } from './DicomSeriesError';
import { DEFAULT_MAX_IMAGE_BYTES, overCeilingMessage } from '../sizeLimit';
import { describeFrame, type SourceFrame } from './sourceFrames';

/** A series' frames laid out on a regular grid. */
export interface SliceGeometry {
  geometry: Geometry;
  /** The frame at each slice k; undefined where a slice is missing from the series (filled with zeros). */
  slices: (SourceFrame | undefined)[];
  /** Problems that still leave a usable volume (missing slices), in words. */
  warnings: string[];
  /** Each run of missing slices: where it starts (k), how many, and the frames on either side. */
  gaps: SliceGap[];
}

/** Slices missing from a series between two frames that are present. */
export interface SliceGap {
  /** Index k of the first missing slice. */
  start: number;
  count: number;
  before: SourceFrame;
  after: SourceFrame;
  /** Positions of `before` and `after` along the slice normal, mm. */
  from: number;
  to: number;
}

/** Orientation cosines may differ by this much and still count as the same plane. */
const ORIENTATION_TOLERANCE = 1e-3;

/**
 * Orders frames by projecting ImagePositionPatient onto the slice normal (row × column cosines), never by
 * file name or InstanceNumber, and derives the grid: origin = first slice's position, direction =
 * [row, column, normal], spacing = [PixelSpacing[1], PixelSpacing[0], distance between positions].
 * A gap that is a whole multiple of the usual step is kept as missing slices with a warning.
 * @throws DicomSeriesError for mixed orientations or sizes, two frames at one position, sheared stacks
 * (gantry tilt) or spacing that is not a whole multiple of the usual step.
 */
export function sliceGeometry(frames: SourceFrame[], maxBytes = DEFAULT_MAX_IMAGE_BYTES): SliceGeometry {
  if (frames.length === 0) throw new DicomSeriesError('no-image-series', 'no image frames were given; expected at least one.');
  const first = frames[0];
  for (const f of frames) {
    if (f.orientation.some((v, n) => Math.abs(v - first.orientation[n]) > ORIENTATION_TOLERANCE)) {
      throw new DicomSeriesError(
        'mixed-orientations',
        `frames have different ImageOrientationPatient: [${first.orientation.join(', ')}] and ` +
          `[${f.orientation.join(', ')}] (${describeFrame(f)}). Expected one plane; localizers or multi-plane ` +
          'series must be split into one series per plane.',
      );
    }
    if (f.rows !== first.rows || f.columns !== first.columns || f.pixelSpacing.some((v, n) => Math.abs(v - first.pixelSpacing[n]) > 1e-4)) {
      throw new DicomSeriesError(
        'mixed-sizes',
        `frames differ in size or pixel spacing: ${first.columns}x${first.rows} @ [${first.pixelSpacing}] vs ` +
          `${f.columns}x${f.rows} @ [${f.pixelSpacing}] (${describeFrame(f)}). Expected one grid per series.`,
      );
    }
  }
  const row = first.orientation.slice(0, 3);
  const column = first.orientation.slice(3, 6);
  const normal = unit(cross(row, column));
  const sorted = frames
    .map((frame) => ({ frame, distance: dot(frame.position, normal) }))
    .sort((a, b) => a.distance - b.distance);
  checkNotSheared(sorted.map((s) => s.frame), normal);
  const { slices, step, warnings, gaps } = layOutSlices(sorted, first.rows * first.columns * 4, maxBytes);
  return {
    geometry: {
      dimensions: [first.columns, first.rows, slices.length],
      spacing: [first.pixelSpacing[1], first.pixelSpacing[0], step],
      origin: [...sorted[0].frame.position],
      direction: [...row, ...column, ...normal] as Geometry['direction'],
    },
    slices,
    warnings,
    gaps,
  };
}

function layOutSlices(sorted: { frame: SourceFrame; distance: number }[], sliceBytes: number, maxBytes: number) {
  if (sorted.length === 1) return { slices: [sorted[0].frame], step: 1, warnings: [] as string[], gaps: [] as SliceGap[] };
  const gaps = sorted.slice(1).map((s, n) => s.distance - sorted[n].distance);
  const duplicate = gaps.findIndex((g) => g < 1e-3);
  if (duplicate >= 0) {
    const [a, b] = [sorted[duplicate].frame, sorted[duplicate + 1].frame];
    if (a.sopInstanceUID === b.sopInstanceUID && a.frameNumber === b.frameNumber) {
      throw new DicomSeriesError(
        'duplicate-instance',
        `the same instance ${a.sopInstanceUID} is given twice${a.file && b.file ? ` (${a.file} and ${b.file})` : ''}. ` +
          'Remove the copy.',
      );
    }
    throw new DicomSeriesError(
      'duplicate-positions',
      `two frames lie at the same position (${describeFrame(a)} and ${describeFrame(b)}, ` +
        `${sorted[duplicate].distance.toFixed(3)} mm along the normal). ` +
        'The series holds several volumes (time points, echoes or repeats); export one volume per series.',
    );
  }
  const step = [...gaps].sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 2)];
  const tolerance = Math.max(0.01, 0.02 * step);
  // Before laying out any slice: an absurd gap (a corrupt position) would make a grid of millions of slices.
  const total = sorted.length + gaps.reduce((sum, gap) => sum + Math.max(0, Math.round(gap / step) - 1), 0);
  if (total > sorted.length && total * sliceBytes > maxBytes) {
    const widest = gaps.indexOf(Math.max(...gaps));
    throw new DicomSeriesError(
      'too-large',
      overCeilingMessage(
        `a grid of ${total} slices for ${sorted.length} frames (the widest gap is ${gaps[widest].toFixed(1)} mm after ` +
          `${describeFrame(sorted[widest].frame)} where the usual step is ${step.toFixed(3)} mm)`,
        total * sliceBytes, maxBytes,
      ).replace('The header is corrupt', 'A slice position is corrupt'),
    );
  }
  const slices: (SourceFrame | undefined)[] = [sorted[0].frame];
  const warnings: string[] = [];
  const runs: SliceGap[] = [];
  gaps.forEach((gap, n) => {
    const steps = Math.round(gap / step);
    if (Math.abs(gap - steps * step) > tolerance) {
      throw new DicomSeriesError(
        'irregular-spacing',
        `slice spacing is irregular: ${gap.toFixed(3)} mm after ${describeFrame(sorted[n].frame)} where the usual ` +
          `step is ${step.toFixed(3)} mm (tolerance ${tolerance.toFixed(3)} mm). Resample the series to a regular grid first.`,
      );
    }
    if (steps > 1) {
      const gapRun = { start: slices.length, count: steps - 1, before: sorted[n].frame, after: sorted[n + 1].frame, from: sorted[n].distance, to: sorted[n + 1].distance };
      runs.push(gapRun);
      warnings.push(`${describeGap(gapRun)}; they are filled with zeros and left unlabelled.`);
      for (let s = 1; s < steps; s++) slices.push(undefined);
    }
    slices.push(sorted[n + 1].frame);
  });
  return { slices, step, warnings, gaps: runs };
}

/** "2 slice(s) missing (k 30..31) between a.dcm at 12.00 mm and b.dcm at 18.60 mm along the normal". */
export function describeGap(g: SliceGap): string {
  const ks = g.count === 1 ? `k ${g.start}` : `k ${g.start}..${g.start + g.count - 1}`;
  return `${g.count} slice(s) missing (${ks}) between ${describeFrame(g.before)} at ${g.from.toFixed(2)} mm and ` +
    `${describeFrame(g.after)} at ${g.to.toFixed(2)} mm along the normal`;
}

function checkNotSheared(frames: SourceFrame[], normal: number[]): void {
  const p0 = frames[0].position;
  for (const f of frames) {
    const d = f.position.map((v, n) => v - p0[n]);
    const along = dot(d, normal);
    const off = Math.hypot(d[0] - along * normal[0], d[1] - along * normal[1], d[2] - along * normal[2]);
    if (off > 0.01 + 1e-3 * Math.abs(along)) {
      throw new DicomSeriesError(
        'irregular-spacing',
        `slice ${describeFrame(f)} is shifted ${off.toFixed(3)} mm within the image plane relative to the first ` +
          'slice (gantry tilt or a stack that is not perpendicular to its slices). Resample to a regular grid first.',
      );
    }
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(v: number[]): number[] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return v.map((x) => x / n);
}
