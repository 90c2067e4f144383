import { existsSync, readFileSync } from 'node:fs';
import { readNiftiLabelmap } from '../io/readNifti';
import { readSegmentation } from '../seg/readSegmentation';
import { labelmapOnGrid } from '../seg/sourceGrid';
import type { ClassInfo } from '../ssldec';
import type { Labelmap } from '../volume/Volume';
import { CliError, EXIT } from './CliError';
import type { LoadedImage } from './loadImage';

/** Scribbles on the image grid and the class list they imply. */
export interface LoadedScribbles {
  scribbles: Labelmap;
  classes: ClassInfo[];
}

/**
 * Reads `--scribbles`: a SEG (MANUAL scribbles saved by the viewer; segment labels name the classes) placed on
 * the DICOM image's grid, or a NIfTI label image on the same grid (names from `--classes`, else "Class v").
 * @throws CliError(INPUT) for a missing file, a SEG with a NIfTI image, overlapping scribbles or another grid.
 */
export function loadScribbles(path: string, image: LoadedImage, classNames: string[] | undefined): LoadedScribbles {
  if (!existsSync(path)) throw new CliError(EXIT.INPUT, `--scribbles ${path} does not exist.`);
  const bytes = readFileSync(path);
  if (/\.nii(\.gz)?$/i.test(path)) {
    const labels = readNiftiLabelmap(bytes);
    // NIfTI stores float32 geometry: accept it within 0.01 mm and adopt the image's exact grid; a label image
    // with axes flipped or swapped (dcm2niix, ITK-SNAP, FSL) is reordered onto it.
    const scribbles = labelmapOnGrid(labels, image.volume);
    return { scribbles, classes: classesFor(scribbles.data, classNames) };
  }
  if (!image.dicom) {
    throw new CliError(EXIT.INPUT, `--scribbles ${path} is a SEG, which needs a DICOM --image to place it; pass the DICOM series or NIfTI scribbles.`);
  }
  const read = readSegmentation(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, image.dicom.instances);
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

function classesFor(data: Uint8Array, names: string[] | undefined): ClassInfo[] {
  let max = 0;
  for (const v of data) if (v > max) max = v;
  const count = Math.max(max, names?.length ?? 0);
  if (names && names.length < max) {
    throw new CliError(EXIT.INPUT, `--classes names ${names.length} classes but the scribbles use labels up to ${max}; name every class.`);
  }
  return Array.from({ length: count }, (_, n) => ({ value: n + 1, name: names?.[n] ?? `Class ${n + 1}` }));
}
