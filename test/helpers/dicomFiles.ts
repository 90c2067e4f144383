import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readArrayBuffer } from '../../src/io/node/readDicomFolder';
import { readPart10, writePart10, type NaturalizedDataset } from '../../src/io/dicom/dcmjs';

/** The `.dcm` files of a folder, sorted by name, as ArrayBuffers. */
export function readDcmFolder(folder: string, filter: (name: string) => boolean = (n) => n.endsWith('.dcm')): ArrayBuffer[] {
  return readdirSync(folder).filter(filter).sort().map((name) => readArrayBuffer(join(folder, name)));
}

/** A copy of a Part-10 file with some attributes changed (to build broken fixtures in memory). */
export function editDicom(buffer: ArrayBuffer, edit: (dataset: NaturalizedDataset) => void): ArrayBuffer {
  const { meta, dataset } = readPart10(buffer);
  edit(dataset);
  return writePart10(meta, dataset);
}
