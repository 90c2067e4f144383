import { readNiftiLabelmap } from '../io/readNifti';
import { readSegmentation } from '../seg/readSegmentation';
import { labelmapOnGrid } from '../seg/sourceGrid';
import type { ClassInfo } from '../ssldec';
import type { Labelmap } from '../volume/Volume';
import { namingFile, readInputFile } from './cliFiles';
import { CliError, EXIT } from './CliError';
import type { LoadedImage } from './loadImage';

/** Scribbles on the image grid and the class list they imply. */
export interface LoadedScribbles {
  scribbles: Labelmap;
  classes: ClassInfo[];
}

/**
 * Reads `--scribbles`: a SEG (MANUAL scribbles saved by the viewer; segment labels name the classes) placed on
 * the DICOM image's grid, or a NIfTI label image on the same grid up to axis order and flips (names from
 * `--classes`, else "Class v").
 * @throws CliError(INPUT) for a missing file, a SEG with a NIfTI image, overlapping scribbles, labels that are
 * not 1..K, a `--classes` list of another length, or another grid.
 */
export function loadScribbles(path: string, image: LoadedImage, classNames: string[] | undefined, options: { maxBytes?: number } = {}): LoadedScribbles {
  const bytes = readInputFile(path, '--scribbles');
  if (/\.nii(\.gz)?$/i.test(path)) {
    // NIfTI stores float32 geometry: accept it within 0.01 mm and adopt the image's exact grid; a label image
    // with axes flipped or swapped (dcm2niix, ITK-SNAP, FSL) is reordered onto it.
    const scribbles = namingFile('--scribbles', path, () => labelmapOnGrid(readNiftiLabelmap(bytes, options), image.volume));
    return { scribbles, classes: classesFor(scribbles.data, classNames, path) };
  }
  if (!image.dicom) {
    throw new CliError(EXIT.INPUT, `--scribbles ${path} is a SEG, which needs a DICOM --image to place it; pass the DICOM series or NIfTI scribbles.`);
  }
  if (classNames) throw new CliError(EXIT.USAGE, `--classes names label-image classes; the SEG ${path} names its own segments. Drop --classes.`);
  const dicom = image.dicom;
  const read = namingFile('--scribbles', path, () =>
    readSegmentation(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, dicom.instances));
  if (read.overlaps.length) {
    throw new CliError(
      EXIT.INPUT,
      `--scribbles ${path}: segments overlap (${read.overlaps.map((o) => `${o.segments.join('&')}: ${o.voxels} voxels`).join(', ')}); a voxel can carry one class only.`,
    );
  }
  const segments = [...read.segments].sort((a, b) => a.SegmentNumber - b.SegmentNumber);
  if (segments.some((s, n) => s.SegmentNumber !== n + 1)) {
    throw new CliError(EXIT.INPUT, `--scribbles ${path}: segment numbers are ${segments.map((s) => s.SegmentNumber)}; expected 1..K.`);
  }
  const { channels: _c, ...grid } = image.volume;
  return {
    scribbles: { ...grid, data: read.labelmap.data },
    classes: segments.map((s) => ({ value: s.SegmentNumber, name: s.SegmentLabel })),
  };
}

/**
 * The classes of a label image are the values it uses, which must be 1..K without gaps: a stray value (200,
 * or 1 and 3 without 2) would otherwise become a model with empty classes, slow and wrong.
 */
function classesFor(data: Uint8Array, names: string[] | undefined, path: string): ClassInfo[] {
  const counts = new Array<number>(256).fill(0);
  for (const v of data) counts[v]++;
  const used = counts.map((c, v) => (v > 0 && c > 0 ? v : 0)).filter(Boolean);
  const max = used.length ? used[used.length - 1] : 0;
  if (used.length !== max) {
    const missing = Array.from({ length: max }, (_, n) => n + 1).filter((v) => !counts[v]);
    throw new CliError(
      EXIT.INPUT,
      `--scribbles ${path} uses labels ${list(used)} (${used.map((v) => `${v}: ${counts[v]} voxels`).join(', ')}); classes must be ` +
        `numbered 1..K without gaps, and ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing. Renumber the labels ` +
        '(0 stays unlabelled) or erase the stray ones.',
    );
  }
  if (names && names.length !== max) {
    throw new CliError(
      EXIT.INPUT,
      `--classes names ${names.length} classes (${names.join(', ')}) but --scribbles ${path} uses labels 1..${max}; ` +
        'give exactly one name per label (a class without scribbles cannot be trained).',
    );
  }
  return Array.from({ length: max }, (_, n) => ({ value: n + 1, name: names?.[n] ?? `Class ${n + 1}` }));
}

/** "1, 2 and 200" (the first 8, then "…"). */
function list(values: number[]): string {
  const shown = values.slice(0, 8).map(String);
  if (values.length > 8) return `${shown.join(', ')}, …`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join('');
}
