import { existsSync, statSync } from 'node:fs';
import { isHttpUrl } from '../../dicomweb/seriesUrl';
import { number, text } from '../../io/dicom/attributes';
import { readPart10, type NaturalizedDataset } from '../../io/dicom/dcmjs';
import { groupBySeries, parseDicomFiles } from '../../io/dicom/parseDicomFiles';
import { sliceGeometry } from '../../io/dicom/sliceGeometry';
import { framesOf, isImageInstance } from '../../io/dicom/sourceFrames';
import { listFiles, readArrayBuffer } from '../../io/node/readDicomFolder';
import { readMgh } from '../../io/readMgh';
import { readNifti } from '../../io/readNifti';
import type { Geometry } from '../../volume/Volume';
import { readInputFile } from '../cliFiles';
import { CliError, EXIT } from '../CliError';
import { seriesUrlClient } from '../loadImage';

/** What `ssldec info` reports, per file or per series. */
export type InfoReport = Record<string, unknown>;

/** Options of `ssldec info` that reach DICOMweb and the readers. */
export interface InfoOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * `ssldec info <file|folder|URL>`: the series in a folder or behind a DICOMweb series URL (UID, modality,
 * description, files, and the grid scribbles must match: dimensions, spacing, origin, direction, slice order,
 * rescale), a NIfTI/MGH volume's grid, or a DICOM file's identity (and a SEG's segments).
 */
export async function infoCommand(path: string, options: InfoOptions = {}): Promise<InfoReport> {
  if (isHttpUrl(path)) {
    const { ref, client } = seriesUrlClient(path, options);
    const instances = await client.retrieveSeriesMetadata(ref.studyInstanceUID, ref.seriesInstanceUID);
    return { url: path, series: [seriesReport(ref.seriesInstanceUID, instances, options.maxBytes)] };
  }
  if (!existsSync(path)) throw new CliError(EXIT.INPUT, `${path} does not exist.`);
  if (statSync(path).isDirectory()) {
    const files = listFiles(path);
    const { files: parsed, notDicom } = parseDicomFiles(files.map(readArrayBuffer));
    const series = [...groupBySeries(parsed)].map(([uid, group]) => seriesReport(uid, group.map((f) => f.dataset), options.maxBytes));
    return { folder: path, files: files.length, notDicom: notDicom.length, seriesCount: series.length, series };
  }
  if (/\.(nii(\.gz)?|mg[hz])$/i.test(path)) {
    const bytes = readInputFile(path, 'info');
    const limit = { maxBytes: options.maxBytes };
    const { channels, ...grid } = /\.mg[hz]$/i.test(path) ? readMgh(bytes, limit) : readNifti(bytes, limit);
    return { file: path, ...grid, orientation: orientationOf(grid), channels: channels.length };
  }
  let dataset;
  try {
    dataset = readPart10(readArrayBuffer(path)).dataset;
  } catch {
    throw new CliError(EXIT.INPUT, `${path} is not DICOM Part 10, NIfTI or MGH.`);
  }
  const report: InfoReport = {
    file: path,
    sopClassUID: text(dataset.SOPClassUID),
    modality: text(dataset.Modality),
    studyInstanceUID: text(dataset.StudyInstanceUID),
    seriesInstanceUID: text(dataset.SeriesInstanceUID),
    sopInstanceUID: text(dataset.SOPInstanceUID),
    rows: dataset.Rows,
    columns: dataset.Columns,
    frames: Number(text(dataset.NumberOfFrames) || 1),
  };
  if (text(dataset.Modality) === 'SEG') {
    report.segmentationType = text(dataset.SegmentationType);
    report.segments = ((dataset.SegmentSequence as Record<string, unknown>[]) ?? []).map((s) => ({
      number: s.SegmentNumber,
      label: text(s.SegmentLabel),
      algorithmType: text(s.SegmentAlgorithmType),
    }));
  }
  return report;
}

/** One series: identity, and for an image series the grid it forms (or why it cannot form one). */
function seriesReport(uid: string, instances: NaturalizedDataset[], maxBytes: number | undefined): InfoReport {
  const first = instances[0];
  const report: InfoReport = {
    seriesInstanceUID: uid,
    modality: text(first.Modality),
    description: text(first.SeriesDescription),
    files: instances.length,
    rows: first.Rows,
    columns: first.Columns,
  };
  const images = instances.filter(isImageInstance);
  if (images.length === 0) return report;
  try {
    const layout = sliceGeometry(images.flatMap((instance, n) => framesOf(instance, n)), maxBytes);
    const slope = [...new Set(layout.slices.filter(Boolean).map((f) => f!.rescaleSlope))];
    const intercept = [...new Set(layout.slices.filter(Boolean).map((f) => f!.rescaleIntercept))];
    Object.assign(report, {
      ...layout.geometry,
      orientation: orientationOf(layout.geometry),
      sliceOrder: 'by position along the slice normal (direction[6..8]), not by file name or InstanceNumber',
      missingSlices: layout.gaps.reduce((n, g) => n + g.count, 0),
      rescale: { slope: slope.length === 1 ? slope[0] : slope, intercept: intercept.length === 1 ? intercept[0] : intercept },
      bitsAllocated: number(first.BitsAllocated, 0) || undefined,
      photometricInterpretation: text(first.PhotometricInterpretation) || undefined,
      warnings: layout.warnings,
    });
  } catch (error) {
    report.problem = (error as Error).message;
  }
  return report;
}

/**
 * Three letters naming where each voxel axis points in LPS patient space, e.g. "PIR" for i towards
 * posterior, j towards inferior, k towards right (the dominant component of each axis).
 */
function orientationOf(g: Geometry): string {
  const letters = [['L', 'R'], ['P', 'A'], ['S', 'I']];
  return [0, 1, 2]
    .map((a) => {
      const d = g.direction.slice(3 * a, 3 * a + 3);
      const r = [0, 1, 2].reduce((best, n) => (Math.abs(d[n]) > Math.abs(d[best]) ? n : best), 0);
      return letters[r][d[r] >= 0 ? 0 : 1];
    })
    .join('');
}
