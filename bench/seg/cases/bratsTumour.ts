/**
 * Case brain-tumour-brats2013: two BRATS 2013 patients, T1 post-contrast + FLAIR as two channels of one volume
 * (co-registered, 1 mm), cropped to the brain mask's box + 4 voxels. Classes as the data's SOURCE.md suggests:
 * healthy brain (brain mask, BRATS label 0), oedema (2), tumour core (necrosis 1, non-enhancing 3, enhancing 4),
 * outside the brain; the three brain classes are scored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNifti, readNiftiLabelmap } from '../../../src/io/readNifti';
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { sharedDataDir } from '../../lib/repoRoot';
import { boundingBox, cropArray, cropGeometry } from './crop';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type CaseSubject, type SegCase } from './SegCase';

const PATIENTS = ['brats_2013_pat0005_1', 'brats_2013_pat0006_1'];
const HEALTHY = 1;
const OEDEMA = 2;
const CORE = 3;
const OUTSIDE = 4;

/** Case class of a voxel from the BRATS label and the brain mask (a tumour label wins over the mask). */
export function bratsClass(bratsLabel: number, inBrain: boolean): number {
  if (bratsLabel === 2) return OEDEMA;
  if (bratsLabel === 1 || bratsLabel === 3 || bratsLabel === 4) return CORE;
  return inBrain ? HEALTHY : OUTSIDE;
}

function loadPatient(dir: string, patient: string): CaseSubject {
  const files = requireFiles(join(dir, patient), ['T1c_subtrMeanDivStd.nii.gz', 'Flair_subtrMeanDivStd.nii.gz', 'brainmask.nii.gz', 'OTMultiClass.nii.gz']);
  const [t1c, flair] = files.slice(0, 2).map((f) => readNifti(readFileSync(f)));
  const [mask, labels] = files.slice(2).map((f) => readNiftiLabelmap(readFileSync(f)));
  for (const [name, g] of [['FLAIR', flair], ['brain mask', mask], ['labels', labels]] as const) {
    if (g.dimensions.join() !== t1c.dimensions.join()) {
      throw new Error(`${patient}: ${name} is ${g.dimensions.join('x')}, T1c ${t1c.dimensions.join('x')}: expected one grid`);
    }
  }
  const box = boundingBox(t1c.dimensions, (v) => mask.data[v] !== 0 || labels.data[v] !== 0, 4);
  const geometry = cropGeometry(t1c, box);
  const n = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
  const crop = (a: Float32Array) => cropArray(a, t1c.dimensions, box, new Float32Array(n));
  const volume: Volume = { ...geometry, channels: [crop(t1c.channels[0]), crop(flair.channels[0])], channelNames: ['T1c', 'FLAIR'] };
  const cropMask = cropArray(mask.data, t1c.dimensions, box, new Uint8Array(n));
  const data = cropArray(labels.data, t1c.dimensions, box, new Uint8Array(n));
  for (let v = 0; v < n; v++) data[v] = bratsClass(data[v], cropMask[v] !== 0);
  const truth: Labelmap = { ...geometry, data };
  return { id: patient.replace(/^brats_2013_|_1$/g, ''), volume, truth, files, grid: `crop ${geometry.dimensions.join('x')} at [${box.start}] of ${t1c.dimensions.join('x')}` };
}

export const bratsTumour: CaseLoader = {
  name: 'brain-tumour-brats2013',
  description: 'BRATS 2013, 2 patients, T1c + FLAIR channels, brain box crop; healthy / oedema / tumour core / outside; scored the 3 brain classes',
  load(): SegCase {
    const dir = join(sharedDataDir(), 'brain-tumour-brats2013');
    const c: SegCase = {
      name: this.name,
      classes: [
        { value: HEALTHY, name: 'healthy brain' },
        { value: OEDEMA, name: 'oedema' },
        { value: CORE, name: 'tumour core' },
        { value: OUTSIDE, name: 'outside the brain' },
      ],
      scored: [HEALTHY, OEDEMA, CORE],
      twoD: false,
      subjects: PATIENTS.map((p) => loadPatient(dir, p)),
    };
    for (const s of c.subjects) checkTruth(c, s);
    return c;
  },
};
