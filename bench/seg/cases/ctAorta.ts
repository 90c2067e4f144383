/**
 * Case ct-aorta-totalsegmentator: arterial-phase CT (HU, 1.5 mm), the T12 range (120×126×29) where the T12 class is
 * well posed (SOURCE.md). Classes aorta / T12 vertebra / everything else; aorta and T12 scored.
 */
import { join } from 'node:path';
import { sharedDataDir } from '../../lib/repoRoot';
import { readNiftiCase } from './readNiftiCase';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

export const ctAorta: CaseLoader = {
  name: 'ct-aorta-totalsegmentator',
  description: 'arterial CT (HU), T12 range 120x126x29; aorta / T12 / everything else; scored aorta, T12',
  load(): SegCase {
    const dir = join(sharedDataDir(), 'ct-aorta-totalsegmentator');
    const [image, labels] = requireFiles(dir, ['ct_t12_range.nii.gz', 'labels_t12_range.nii.gz']);
    const read = readNiftiCase(image, labels);
    const volume = { ...read.volume, channelNames: ['CT'] };
    const truth = read.truth;
    const c: SegCase = {
      name: this.name,
      classes: [
        { value: 1, name: 'aorta' },
        { value: 2, name: 'T12' },
        { value: 3, name: 'everything else' },
      ],
      scored: [1, 2],
      twoD: false,
      subjects: [{ id: 't12-range', volume, truth, files: [image, labels], grid: `whole file ${volume.dimensions.join('x')}` }],
    };
    checkTruth(c, c.subjects[0]);
    return c;
  },
};
