import { readFileSync } from 'node:fs';
import { readNifti, readNiftiLabelmap } from '../../../src/io/readNifti';
import type { Labelmap, Volume } from '../../../src/volume/Volume';

/** A case's image and its truth labels from two NIfTI files, refused when their grids differ in size. */
export function readNiftiCase(imagePath: string, labelsPath: string): { volume: Volume; truth: Labelmap } {
  const volume = readNifti(readFileSync(imagePath));
  const truth = readNiftiLabelmap(readFileSync(labelsPath));
  if (truth.dimensions.join() !== volume.dimensions.join()) {
    throw new Error(`Image ${volume.dimensions.join('x')} and labels ${truth.dimensions.join('x')} differ in size`);
  }
  return { volume, truth };
}
