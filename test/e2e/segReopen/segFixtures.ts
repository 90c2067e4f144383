/**
 * Small generated studies with a SEG written by our own writer (src/seg), for reopening in the viewer: a brain
 * phantom series of a given size, and a labelmap of its tissue classes plus a sparse speckle so that every bit
 * position of a packed frame is exercised (a shifted or reversed bit shows up as a voxel difference).
 */
import { readPart10 } from '../../../src/io/dicom/dcmjs';
import { writeDicomSeries, type DicomSeries } from '../../../src/io/writeDicomSeries';
import { buildSegmentation, type BuildSegmentationInput, type BuiltSegmentation } from '../../../src/seg/buildSegmentation';
import { SegmentAlgorithmType } from '../../../src/seg/enums';
import type { Labelmap, Volume } from '../../../src/volume/Volume';

const { brainPhantom } = require('../../../scripts/lib/demoPhantom') as {
  brainPhantom(o?: { columns?: number; rows?: number; slices?: number; spacing?: [number, number, number]; seed?: number }): {
    volume: Volume;
    tissue: Uint8Array;
  };
};

/** Segments of every fixture: the phantom's three tissues and one class the "clinician" never used (empty). */
export const SEGMENTS = [
  { label: 'CSF', color: [60, 120, 255] as [number, number, number] },
  { label: 'grey matter', color: [200, 200, 60] as [number, number, number] },
  { label: 'white matter', color: [240, 240, 240] as [number, number, number] },
  { label: 'lesion', color: [255, 40, 40] as [number, number, number] },
];

export interface SegFixture {
  /** e.g. "91x106x3" */
  name: string;
  series: DicomSeries;
  /** What each SEG holds: 0 = none, s = segment s, on the series' grid (slice k = series.files[k]). */
  labelmap: Labelmap;
  /** A new SEG instance (new series) of `labelmap` with this SeriesDescription. */
  seg(description: string, extra?: Partial<BuildSegmentationInput>): BuiltSegmentation;
}

/**
 * @param size [columns, rows, slices]
 * @param studyInstanceUID the study to put the series in (one study for all sizes: the viewer opens once)
 * @param segmentCount how many of SEGMENTS to describe (3: no empty class, so frame counts can be odd)
 */
export function segFixture(size: [number, number, number], studyInstanceUID: string, segmentCount = SEGMENTS.length): SegFixture {
  const [columns, rows, slices] = size;
  const name = size.join('x');
  // ~200 mm field of view whatever the matrix, so the phantom looks like a head at every size.
  const inPlane = 200 / Math.max(columns, rows);
  const phantom = brainPhantom({ columns, rows, slices, spacing: [inPlane, inPlane, 5], seed: columns * rows });
  const series = writeDicomSeries(phantom.volume, {
    patientName: 'SegReopen^E2E',
    patientId: 'SSLDEC-SEGREOPEN',
    studyInstanceUID,
    studyDescription: 'SEG reopen at every frame size',
    seriesDescription: `Phantom ${name}`,
  });
  const { channels: _channels, channelNames: _names, ...geometry } = phantom.volume;
  const data = Uint8Array.from(phantom.tissue);
  // Speckle of CSF voxels in the air: isolated set bits at varying bit offsets within each packed byte.
  let state = columns * 7919 + rows;
  for (let n = 0; n < data.length; n++) {
    state = (state * 1103515245 + 12345) >>> 0;
    if (data[n] === 0 && state % 11 === 0) data[n] = 1;
  }
  const labelmap: Labelmap = { ...geometry, data };
  const sourceInstances = series.files.map((f) => readPart10(f).dataset);
  const seg = (description: string, extra: Partial<BuildSegmentationInput> = {}) =>
    buildSegmentation({
      sourceInstances,
      labelmap,
      segments: SEGMENTS.slice(0, segmentCount),
      algorithm: { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: '0.1.0', parameters: { test: 'seg-reopen' } },
      seriesDescription: description,
      ...extra,
    });
  return { name, series, labelmap, seg };
}
