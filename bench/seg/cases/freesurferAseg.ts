/**
 * Held-out cases from the FS brain's FreeSurfer aseg (`aparc.a2009s+aseg.mgz`): named structures (left and right one
 * class each) against everything else, in a box around them + 12 voxels. Organ-within-tissue tasks the suite lacks:
 * the structures share their intensity with the cortex or with each other, so intensity alone cannot do them. Not
 * among the four cases: they run only when named (`--cases ...`) and stay out of the targets, to check that
 * what was chosen on the suite carries over to anatomy it was not chosen on.
 * - brain-deep-grey-freesurfer: thalamus, caudate, putamen. The appearance prior was found on it (no longer blind).
 * - brain-medial-temporal-freesurfer: hippocampus, amygdala. Added after the appearance prior was chosen and
 *   measured with it. The two share only three coronal slices with room for a stroke, so every draw scribbles three
 *   adjacent slices; it found that strokes merged across slices left each class two strokes a hemisphere apart
 *   (BENCHMARKS.md).
 * - brain-posterior-fossa-freesurfer: cerebellar cortex, cerebellar white matter, brainstem. Added blind to every
 *   lever screened with it (BENCHMARKS.md); most of the cerebellum lies on slices far from the strokes.
 * - brain-subcortical-freesurfer: six structures (seven classes), where every other case has two to four. Added
 *   blind, to check the settings read on a class's confidence (the lowest maximum of q is 1/K) with many classes.
 *   The caudate is left out: no slice has room for a stroke in it and in the hippocampus and amygdala.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMgh } from '../../../src/io/readMgh';
import { readNifti } from '../../../src/io/readNifti';
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { sharedDataDir } from '../../lib/repoRoot';
import { boundingBox, cropArray, cropGeometry } from './crop';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

/** A scored class: its name and its aseg labels (left and right, or one for a midline structure). */
interface Structure {
  name: string;
  aseg: number[];
}

/** A held-out case of `structures` (classes 1..S, everything else S + 1) on the FS brain. */
function asegCase(name: string, description: string, structures: Structure[]): CaseLoader {
  const everythingElse = structures.length + 1;
  return {
    name,
    description: `held out: FS T1, box around the ${description}; ${structures.map((s) => s.name).join(' / ')} / everything else`,
    heldOut: true,
    load(): SegCase {
      const dir = join(sharedDataDir(), 'brain-t1-freesurfer');
      const [image, aseg] = requireFiles(dir, ['norm_T1.nii.gz', 'aparc.a2009s+aseg.mgz']);
      const full = readNifti(readFileSync(image));
      const asegMap = readMgh(readFileSync(aseg)); // labels above 255: read as values, not as a Labelmap
      if (asegMap.dimensions.join() !== full.dimensions.join()) {
        throw new Error(`aseg ${asegMap.dimensions.join('x')} and T1 ${full.dimensions.join('x')} differ in size`);
      }
      const classOf = new Map<number, number>();
      structures.forEach((s, i) => s.aseg.forEach((label) => classOf.set(label, i + 1)));
      const box = boundingBox(full.dimensions, (v) => classOf.has(asegMap.channels[0][v]), 12);
      const geometry = cropGeometry(full, box);
      const n = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
      const volume: Volume = { ...geometry, channels: [cropArray(full.channels[0], full.dimensions, box, new Float32Array(n))], channelNames: ['T1'] };
      const labels = cropArray(asegMap.channels[0], full.dimensions, box, new Float32Array(n));
      const data = new Uint8Array(n);
      for (let v = 0; v < n; v++) data[v] = classOf.get(labels[v]) ?? everythingElse;
      const truth: Labelmap = { ...geometry, data };
      const c: SegCase = {
        name,
        classes: [...structures.map((s, i) => ({ value: i + 1, name: s.name })), { value: everythingElse, name: 'everything else' }],
        scored: structures.map((_, i) => i + 1),
        twoD: false,
        subjects: [{ id: 'brain', volume, truth, files: [image, aseg], grid: `crop ${geometry.dimensions.join('x')} at [${box.start}] of ${full.dimensions.join('x')}` }],
      };
      checkTruth(c, c.subjects[0]);
      return c;
    },
  };
}

export const freesurferDeepGrey = asegCase('brain-deep-grey-freesurfer', 'deep grey nuclei', [
  { name: 'thalamus', aseg: [10, 49] },
  { name: 'caudate', aseg: [11, 50] },
  { name: 'putamen', aseg: [12, 51] },
]);

export const freesurferMedialTemporal = asegCase('brain-medial-temporal-freesurfer', 'hippocampi and amygdalae', [
  { name: 'hippocampus', aseg: [17, 53] },
  { name: 'amygdala', aseg: [18, 54] },
]);

export const freesurferPosteriorFossa = asegCase('brain-posterior-fossa-freesurfer', 'cerebellum and brainstem', [
  { name: 'cerebellar cortex', aseg: [8, 47] },
  { name: 'cerebellar white matter', aseg: [7, 46] },
  { name: 'brainstem', aseg: [16] },
]);

export const freesurferSubcortical = asegCase('brain-subcortical-freesurfer', 'subcortical structures and ventricles', [
  { name: 'lateral ventricle', aseg: [4, 43] },
  { name: 'thalamus', aseg: [10, 49] },
  { name: 'putamen', aseg: [12, 51] },
  { name: 'pallidum', aseg: [13, 52] },
  { name: 'hippocampus', aseg: [17, 53] },
  { name: 'amygdala', aseg: [18, 54] },
]);
