/**
 * Held-out case brain-deep-grey-freesurfer: the FS brain's deep grey nuclei (thalamus, caudate, putamen; left and
 * right one class each) against everything else, from FreeSurfer's aseg, in a box around them + 12 voxels.
 * An "organ within tissue" task: the putamen and caudate share their intensity with the cortex and the pallidum,
 * the thalamus with the surrounding white matter, so intensity alone cannot do it. Not one of the four cases
 * and never tuned on: it runs only when named (`--cases brain-deep-grey-freesurfer`), to check that what was chosen
 * on the suite carries over to anatomy it was not chosen on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMgh } from '../../../src/io/readMgh';
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { sharedDataDir } from '../../lib/repoRoot';
import { boundingBox, cropArray, cropGeometry } from './crop';
import { readNiftiCase } from './readNiftiCase';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

/** aseg labels (left, right) of each scored class, in class order 1..3. */
const NUCLEI: ReadonlyArray<{ name: string; aseg: [number, number] }> = [
  { name: 'thalamus', aseg: [10, 49] },
  { name: 'caudate', aseg: [11, 50] },
  { name: 'putamen', aseg: [12, 51] },
];
const EVERYTHING_ELSE = NUCLEI.length + 1;

export const freesurferDeepGrey: CaseLoader = {
  name: 'brain-deep-grey-freesurfer',
  description: 'held out: FS T1, box around the deep grey nuclei; thalamus / caudate / putamen / everything else; scored the nuclei',
  heldOut: true,
  load(): SegCase {
    const dir = join(sharedDataDir(), 'brain-t1-freesurfer');
    const [image, tissue, aseg] = requireFiles(dir, ['norm_T1.nii.gz', 'tissue3_derived.nii.gz', 'aparc.a2009s+aseg.mgz']);
    const { volume: full } = readNiftiCase(image, tissue);
    const asegMap = readMgh(readFileSync(aseg)); // labels above 255: read as values, not as a Labelmap
    if (asegMap.dimensions.join() !== full.dimensions.join()) {
      throw new Error(`aseg ${asegMap.dimensions.join('x')} and T1 ${full.dimensions.join('x')} differ in size`);
    }
    const classOf = new Map<number, number>();
    NUCLEI.forEach((n, i) => n.aseg.forEach((label) => classOf.set(label, i + 1)));
    const box = boundingBox(full.dimensions, (v) => classOf.has(asegMap.channels[0][v]), 12);
    const geometry = cropGeometry(full, box);
    const n = geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2];
    const volume: Volume = { ...geometry, channels: [cropArray(full.channels[0], full.dimensions, box, new Float32Array(n))], channelNames: ['T1'] };
    const labels = cropArray(asegMap.channels[0], full.dimensions, box, new Float32Array(n));
    const data = new Uint8Array(n);
    for (let v = 0; v < n; v++) data[v] = classOf.get(labels[v]) ?? EVERYTHING_ELSE;
    const truth: Labelmap = { ...geometry, data };
    const c: SegCase = {
      name: this.name,
      classes: [...NUCLEI.map((k, i) => ({ value: i + 1, name: k.name })), { value: EVERYTHING_ELSE, name: 'everything else' }],
      scored: NUCLEI.map((_, i) => i + 1),
      twoD: false,
      subjects: [{ id: 'brain', volume, truth, files: [image, aseg], grid: `crop ${geometry.dimensions.join('x')} at [${box.start}] of ${full.dimensions.join('x')}` }],
    };
    checkTruth(c, c.subjects[0]);
    return c;
  },
};
