/**
 * Case brain-t1-freesurfer: FreeSurfer norm T1 (skull-stripped, 256³, 1 mm) and its 3-tissue labels, cropped to
 * the brain's bounding box + 4 voxels (a full 256³ volume is mostly empty background and slow on a CPU).
 * Classes: CSF (ventricles), GM, WM and background, all scribbled; CSF, GM and WM scored.
 */
import { join } from 'node:path';
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { sharedDataDir } from '../../lib/repoRoot';
import { boundingBox, cropArray, cropGeometry } from './crop';
import { readNiftiCase } from './readNiftiCase';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

const BACKGROUND = 4;

export const freesurferBrain: CaseLoader = {
  name: 'brain-t1-freesurfer',
  description: 'FreeSurfer T1, brain box crop; CSF (ventricles) / GM / WM / background; scored CSF, GM, WM',
  load(): SegCase {
    const dir = join(sharedDataDir(), 'brain-t1-freesurfer');
    const [image, labels] = requireFiles(dir, ['norm_T1.nii.gz', 'tissue3_derived.nii.gz']);
    const { volume: full, truth: fullTruth } = readNiftiCase(image, labels);
    const t1 = full.channels[0];
    const box = boundingBox(full.dimensions, (v) => t1[v] !== 0 || fullTruth.data[v] !== 0, 4);
    const geometry = cropGeometry(full, box);
    const n = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
    const volume: Volume = { ...geometry, channels: [cropArray(t1, full.dimensions, box, new Float32Array(n))], channelNames: ['T1'] };
    const data = cropArray(fullTruth.data, full.dimensions, box, new Uint8Array(n));
    for (let v = 0; v < n; v++) if (data[v] === 0) data[v] = BACKGROUND;
    const truth: Labelmap = { ...geometry, data };
    const c: SegCase = {
      name: this.name,
      classes: [
        { value: 1, name: 'CSF' },
        { value: 2, name: 'GM' },
        { value: 3, name: 'WM' },
        { value: BACKGROUND, name: 'background' },
      ],
      scored: [1, 2, 3],
      twoD: false,
      subjects: [{ id: 'brain', volume, truth, files: [image, labels], grid: `crop ${geometry.dimensions.join('x')} at [${box.start}] of ${full.dimensions.join('x')}` }],
    };
    checkTruth(c, c.subjects[0]);
    return c;
  },
};
