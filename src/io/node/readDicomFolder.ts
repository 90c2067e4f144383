import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDicomSeries, type DicomVolume, type ReadDicomSeriesOptions } from '../readDicomSeries';

/** Every regular file under `folder` (recursively), sorted by path for reproducible warnings. */
export function listFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...listFiles(path));
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/** Reads a file into an ArrayBuffer of exactly its bytes (Node's Buffer may share a larger pool). */
export function readArrayBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Node only: reads the DICOM image series in a folder (recursively) with {@link readDicomSeries}. */
export function readDicomFolder(folder: string, options: ReadDicomSeriesOptions = {}): DicomVolume {
  const files = listFiles(folder);
  return readDicomSeries(files.map(readArrayBuffer), { fileNames: files, ...options });
}
