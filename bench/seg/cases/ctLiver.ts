/**
 * Case ct-liver-seg-dcmqi: a real 3-slice CT (512², DICOM, HU) with dcmqi's liver DICOM-SEG, read with the
 * product's own DICOM and SEG readers. Classes liver / other; liver scored. Three slices are 2D images rather than a
 * volume: the classical baselines filter and connect in-plane.
 */
import { join } from 'node:path';
import { readArrayBuffer, readDicomFolder } from '../../../src/io/node/readDicomFolder';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { sharedDataDir } from '../../lib/repoRoot';
import { requireFiles } from './requireFiles';
import { checkTruth, type CaseLoader, type SegCase } from './SegCase';

const OTHER = 2;

export const ctLiver: CaseLoader = {
  name: 'ct-liver-seg-dcmqi',
  description: 'CT 512x512x3 (DICOM) with the liver SEG; liver / other; scored liver; 2D per slice',
  load(): SegCase {
    const dir = join(sharedDataDir(), 'ct-liver-seg-dcmqi');
    const [series, segFile] = requireFiles(dir, ['ct-3slice', 'seg/liver_seg.dcm']);
    const { volume } = readDicomFolder(series);
    const seg = readSegmentation(readArrayBuffer(segFile), volume);
    const liver = seg.segments.find((s) => /liver/i.test(s.SegmentLabel));
    if (!liver) throw new Error(`${segFile}: no segment labelled liver (segments: ${seg.segments.map((s) => s.SegmentLabel).join(', ')})`);
    const data = seg.labelmap.data.map((v) => (v === liver.SegmentNumber ? 1 : OTHER));
    const c: SegCase = {
      name: this.name,
      classes: [
        { value: 1, name: 'liver' },
        { value: OTHER, name: 'other' },
      ],
      scored: [1],
      twoD: true,
      subjects: [{ id: 'ct-3slice', volume: { ...volume, channelNames: ['CT'] }, truth: { ...seg.labelmap, data }, files: [series, segFile], grid: `whole series ${volume.dimensions.join('x')}` }],
    };
    checkTruth(c, c.subjects[0]);
    return c;
  },
};
