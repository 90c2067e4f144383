import { text } from './attributes';
import { readPart10, type Part10 } from './dcmjs';

/** A file that parsed as DICOM, with its position in the caller's list. */
export interface ParsedDicomFile extends Part10 {
  fileIndex: number;
}

/** Files parsed, and how many were not DICOM Part 10 (README, DICOMDIR-less junk, thumbnails). */
export interface ParsedDicomFiles {
  files: ParsedDicomFile[];
  notDicom: number[];
}

/** Parses each buffer as Part 10; files that are not DICOM are listed by index instead of failing the lot. */
export function parseDicomFiles(buffers: ArrayBuffer[]): ParsedDicomFiles {
  const files: ParsedDicomFile[] = [];
  const notDicom: number[] = [];
  buffers.forEach((buffer, fileIndex) => {
    try {
      files.push({ ...readPart10(buffer), fileIndex });
    } catch {
      notDicom.push(fileIndex);
    }
  });
  return { files, notDicom };
}

/** Groups parsed files by SeriesInstanceUID, in first-seen order. */
export function groupBySeries(files: ParsedDicomFile[]): Map<string, ParsedDicomFile[]> {
  const groups = new Map<string, ParsedDicomFile[]>();
  for (const f of files) {
    const uid = text(f.dataset.SeriesInstanceUID);
    groups.set(uid, [...(groups.get(uid) ?? []), f]);
  }
  return groups;
}
