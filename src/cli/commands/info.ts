import { existsSync, readFileSync, statSync } from 'node:fs';
import { text } from '../../io/dicom/attributes';
import { readPart10 } from '../../io/dicom/dcmjs';
import { groupBySeries, parseDicomFiles } from '../../io/dicom/parseDicomFiles';
import { listFiles, readArrayBuffer } from '../../io/node/readDicomFolder';
import { readMgh } from '../../io/readMgh';
import { readNifti } from '../../io/readNifti';
import { CliError, EXIT } from '../CliError';

/** What `ssldec info` reports, per file or per series. */
export type InfoReport = Record<string, unknown>;

/**
 * `ssldec info <file|folder>`: the series in a folder (UID, modality, description, files), a NIfTI/MGH
 * volume's grid, or a DICOM file's identity (and a SEG's segments).
 */
export function infoCommand(path: string): InfoReport {
  if (!existsSync(path)) throw new CliError(EXIT.INPUT, `${path} does not exist.`);
  if (statSync(path).isDirectory()) {
    const files = listFiles(path);
    const { files: parsed, notDicom } = parseDicomFiles(files.map(readArrayBuffer));
    const series = [...groupBySeries(parsed)].map(([uid, group]) => ({
      seriesInstanceUID: uid,
      modality: text(group[0].dataset.Modality),
      description: text(group[0].dataset.SeriesDescription),
      files: group.length,
      rows: group[0].dataset.Rows,
      columns: group[0].dataset.Columns,
    }));
    return { folder: path, files: files.length, notDicom: notDicom.length, series };
  }
  if (/\.(nii(\.gz)?|mg[hz])$/i.test(path)) {
    const bytes = readFileSync(path);
    const { channels, ...grid } = /\.mg[hz]$/i.test(path) ? readMgh(bytes) : readNifti(bytes);
    return { file: path, ...grid, channels: channels.length };
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
