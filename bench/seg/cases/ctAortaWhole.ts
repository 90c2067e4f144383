/**
 * Held-out case ct-aorta-whole-totalsegmentator: the whole arterial-phase CT crop of the aorta case (120×126×164,
 * 1.5 mm, HU), aorta / everything else. Another image than the FreeSurfer brain the other held-out cases are cut from,
 * and a structure that runs the length of the volume (descending aorta up to the arch, slices 0–150) while the
 * strokes lie on three of its slices; the heart's chambers, the pulmonary arteries and bone share its Hounsfield
 * units. Added blind: measured once with the default as it stood, nothing chosen on it. Not one of the suite's four:
 * run only when named.
 */
import { join } from 'node:path';
import type { Labelmap } from '../../../src/volume/Volume';
import { sharedDataDir } from '../../lib/repoRoot';
import { readNiftiCase } from './readNiftiCase';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

export const ctAortaWhole: CaseLoader = {
  name: 'ct-aorta-whole-totalsegmentator',
  description: 'held out: arterial CT (HU), whole crop 120x126x164; aorta / everything else',
  heldOut: true,
  load(): SegCase {
    const dir = join(sharedDataDir(), 'ct-aorta-totalsegmentator');
    const [image, aorta] = requireFiles(dir, ['ct_cropped.nii.gz', 'aorta.nii.gz']);
    const read = readNiftiCase(image, aorta);
    const volume = { ...read.volume, channelNames: ['CT'] };
    const mask = read.truth;
    const data = new Uint8Array(mask.data.length);
    for (let v = 0; v < data.length; v++) data[v] = mask.data[v] ? 1 : 2;
    const truth: Labelmap = { ...mask, data };
    const c: SegCase = {
      name: this.name,
      classes: [
        { value: 1, name: 'aorta' },
        { value: 2, name: 'everything else' },
      ],
      scored: [1],
      twoD: false,
      subjects: [{ id: 'whole-crop', volume, truth, files: [image, aorta], grid: `whole file ${volume.dimensions.join('x')}` }],
    };
    checkTruth(c, c.subjects[0]);
    return c;
  },
};
