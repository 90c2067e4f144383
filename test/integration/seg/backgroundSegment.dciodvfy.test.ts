import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { readPart10 } from '../../../src/io/dicom/dcmjs';
import { buildSegmentation } from '../../../src/seg/buildSegmentation';
import { SegmentAlgorithmType } from '../../../src/seg/enums';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { dciodvfy } from '../../helpers/dciodvfy';
import { firstDifference } from '../../helpers/dicomCompare';
import { readDcmFolder } from '../../helpers/dicomFiles';
import { describeWithSharedData } from '../../helpers/sharedData';

const SSLDEC = { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: '0.1.0' };
const CLASSES = [{ label: 'CSF' }, { label: 'Background', color: [120, 120, 120] as [number, number, number] }, { label: 'liver' }];

describeWithSharedData('the background class in a SEG: left out of results unless asked, kept in scribbles', ['ct-liver-seg-dcmqi/tiny-24x38x3'], ([folder]) => {
  const files = readDcmFolder(folder, (n) => n.startsWith('IMG'));
  const dicom = readDicomSeries(files);
  const { channels: _c, ...geometry } = dicom.volume;
  // Every voxel labelled, as a prediction is: 1 CSF, 2 background, 3 liver.
  const labels = { ...geometry, data: Uint8Array.from({ length: 24 * 38 * 3 }, (_, n) => 1 + (n % 3)) };
  const build = (extra: object) => buildSegmentation({ sourceInstances: dicom.source.instances, labelmap: labels, segments: CLASSES, ...extra });

  it('a SEMIAUTOMATIC result leaves it out: 2 segments renumbered 1..2, background voxels none, dciodvfy 0 errors', () => {
    const seg = build({ algorithm: SSLDEC });
    expect(seg.segmentLabels).toEqual(['CSF', 'liver']);
    expect(dciodvfy(seg.bytes).errors).toEqual([]);
    expect(seg.numberOfFrames).toBe(2 * 3);
    const back = readSegmentation(seg.bytes, dicom.source.instances);
    expect(back.segments.map((s) => [s.SegmentNumber, s.SegmentLabel])).toEqual([[1, 'CSF'], [2, 'liver']]);
    expect(firstDifference(back.labelmap.data, labels.data.map((v) => [0, 1, 0, 2][v]))).toBe(-1);
    expect(readPart10(seg.bytes).dataset.ContentDescription).toBe('2 classes');
  });

  it('includeBackground keeps it as segment 2, reading back the labelmap unchanged', () => {
    const seg = build({ algorithm: SSLDEC, includeBackground: true });
    expect(seg.segmentLabels).toEqual(['CSF', 'Background', 'liver']);
    expect(dciodvfy(seg.bytes).errors).toEqual([]);
    expect(firstDifference(readSegmentation(seg.bytes, dicom.source.instances).labelmap.data, labels.data)).toBe(-1);
  });

  it('a MANUAL scribble SEG keeps it by default (background strokes are training input)', () => {
    const seg = build({});
    expect(seg.segmentLabels).toEqual(['CSF', 'Background', 'liver']);
    expect(firstDifference(readSegmentation(seg.bytes, dicom.source.instances).labelmap.data, labels.data)).toBe(-1);
  });
});
