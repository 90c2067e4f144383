import type { Geometry } from '../../volume/Volume';
import { DicomSeriesError } from './DicomSeriesError';
import type { SourceFrame } from './sourceFrames';

/** A series' frames laid out on a regular grid. */
export interface SliceGeometry {
  geometry: Geometry;
  /** The frame at each slice k; undefined where a slice is missing from the series (filled with zeros). */
  slices: (SourceFrame | undefined)[];
  /** Problems that still leave a usable volume (missing slices), in words. */
  warnings: string[];
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
export function sliceGeometry(frames: SourceFrame[]): SliceGeometry {
  if (frames.length === 0) throw new DicomSeriesError('no-image-series', 'no image frames were given; expected at least one.');
  const first = frames[0];
  for (const f of frames) {
    if (f.orientation.some((v, n) => Math.abs(v - first.orientation[n]) > ORIENTATION_TOLERANCE)) {
      throw new DicomSeriesError(
        'mixed-orientations',
        `frames have different ImageOrientationPatient: [${first.orientation.join(', ')}] and ` +
          `[${f.orientation.join(', ')}] (${f.sopInstanceUID}). Expected one plane; localizers or multi-plane ` +
          'series must be split into one series per plane.',
      );
    }
    if (f.rows !== first.rows || f.columns !== first.columns || f.pixelSpacing.some((v, n) => Math.abs(v - first.pixelSpacing[n]) > 1e-4)) {
      throw new DicomSeriesError(
        'mixed-sizes',
        `frames differ in size or pixel spacing: ${first.columns}x${first.rows} @ [${first.pixelSpacing}] vs ` +
          `${f.columns}x${f.rows} @ [${f.pixelSpacing}] (${f.sopInstanceUID}). Expected one grid per series.`,
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
  const { slices, step, warnings } = layOutSlices(sorted);
  return {
    geometry: {
      dimensions: [first.columns, first.rows, slices.length],
      spacing: [first.pixelSpacing[1], first.pixelSpacing[0], step],
      origin: [...sorted[0].frame.position],
      direction: [...row, ...column, ...normal] as Geometry['direction'],
    },
    slices,
    warnings,
  };
}

function layOutSlices(sorted: { frame: SourceFrame; distance: number }[]) {
  if (sorted.length === 1) return { slices: [sorted[0].frame], step: 1, warnings: [] as string[] };
  const gaps = sorted.slice(1).map((s, n) => s.distance - sorted[n].distance);
  const duplicate = gaps.findIndex((g) => g < 1e-3);
  if (duplicate >= 0) {
    throw new DicomSeriesError(
      'duplicate-positions',
      `two frames lie at the same position (${sorted[duplicate].frame.sopInstanceUID} and ` +
        `${sorted[duplicate + 1].frame.sopInstanceUID}, ${sorted[duplicate].distance.toFixed(3)} mm along the normal). ` +
        'The series holds several volumes (time points, echoes or repeats); export one volume per series.',
    );
  }
  const step = [...gaps].sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 2)];
  const tolerance = Math.max(0.01, 0.02 * step);
  const slices: (SourceFrame | undefined)[] = [sorted[0].frame];
  const warnings: string[] = [];
  gaps.forEach((gap, n) => {
    const steps = Math.round(gap / step);
    if (Math.abs(gap - steps * step) > tolerance) {
      throw new DicomSeriesError(
        'irregular-spacing',
        `slice spacing is irregular: ${gap.toFixed(3)} mm after ${sorted[n].frame.sopInstanceUID} where the usual ` +
          `step is ${step.toFixed(3)} mm (tolerance ${tolerance.toFixed(3)} mm). Resample the series to a regular grid first.`,
      );
    }
    if (steps > 1) {
      warnings.push(
        `${steps - 1} slice(s) missing between ${sorted[n].distance.toFixed(2)} mm and ${sorted[n + 1].distance.toFixed(2)} mm ` +
          'along the normal; they are filled with zeros and cannot be segmented.',
      );
      for (let s = 1; s < steps; s++) slices.push(undefined);
    }
    slices.push(sorted[n + 1].frame);
  });
  return { slices, step, warnings };
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
        `slice ${f.sopInstanceUID} is shifted ${off.toFixed(3)} mm within the image plane relative to the first ` +
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
