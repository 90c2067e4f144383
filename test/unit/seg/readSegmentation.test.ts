import { readPart10 } from '../../../src/io/dicom/dcmjs';
import { readArrayBuffer } from '../../../src/io/node/readDicomFolder';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { unpackBits } from '../../../src/seg/packBits';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { readDcmFolder } from '../../helpers/dicomFiles';
import { describeWithSharedData } from '../../helpers/sharedData';

/**
 * Independent check of placement: for each SEG frame, the slice the reader chose (by position) must be the
 * slice whose source SOP instance the frame references, and the labelmap must hold that frame's set pixels.
 */
function expectFramesOnTheirSourceSlices(segBytes: ArrayBuffer, sourceFiles: ArrayBuffer[]) {
  const source = readDicomSeries(sourceFiles);
  const read = readSegmentation(segBytes, source.source.instances);
  const seg = readPart10(segBytes).dataset as Record<string, any>;
  const [columns, rows] = read.labelmap.dimensions;
  const pixels = new Uint8Array(seg.PixelData[0]);
  let checked = 0;
  const wrong: string[] = [];
  (seg.PerFrameFunctionalGroupsSequence as any[]).forEach((group, f) => {
    const referenced = group.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID;
    const k = source.source.slices.findIndex((s) => s?.sopInstanceUID === referenced);
    expect(k).toBeGreaterThanOrEqual(0);
    const segment = group.SegmentIdentificationSequence[0].ReferencedSegmentNumber;
    const bits = seg.BitsAllocated === 1 ? unpackBits(pixels, f * columns * rows, columns * rows) : pixels.subarray(f * columns * rows, (f + 1) * columns * rows);
    const threshold = seg.BitsAllocated === 1 ? 1 : Math.ceil(seg.MaximumFractionalValue / 2);
    for (let n = 0; n < columns * rows; n++) {
      const inLabelmap = read.labelmap.data[k * columns * rows + n];
      // Set in this frame: the labelmap holds this segment, or a lower-numbered overlapping one.
      const set = bits[n] >= threshold;
      if (set) checked++;
      if (set ? !(inLabelmap > 0 && inLabelmap <= segment) : inLabelmap === segment) {
        if (wrong.length < 5) wrong.push(`frame ${f + 1} pixel ${n}: frame ${bits[n]}, labelmap ${inLabelmap}`);
      }
    }
  });
  expect(wrong).toEqual([]);
  expect(checked).toBeGreaterThan(0);
  return read;
}

describeWithSharedData('readSegmentation of dcmqi SEGs', ['ct-liver-seg-dcmqi'], ([root]) => {
  const ct = readDcmFolder(`${root}/ct-3slice`);

  it('liver_seg.dcm (BINARY, 1 segment, 512²×3) lands on the slices it references', () => {
    const read = expectFramesOnTheirSourceSlices(readArrayBuffer(`${root}/seg/liver_seg.dcm`), ct);
    expect(read.segments.map((s) => s.SegmentLabel)).toEqual(['Liver']);
    expect(read.overlaps).toEqual([]);
  });

  it('partial_overlaps_seg.dcm reports the overlap instead of merging silently', () => {
    const read = expectFramesOnTheirSourceSlices(readArrayBuffer(`${root}/seg/partial_overlaps_seg.dcm`), ct);
    expect(read.segments.map((s) => s.SegmentLabel)).toEqual(['GREEN', 'ORANGE', 'PURPLE', 'LIGHT_BLUE', 'DARK_BLUE']);
    expect(read.overlaps.length).toBeGreaterThan(0);
    for (const o of read.overlaps) expect(o.voxels).toBeGreaterThan(0);
  });

  it.each(['tiny-23x38x3', 'tiny-24x38x3'])('%s/label_seg.dcm (odd/even width bit packing)', (tiny) => {
    expectFramesOnTheirSourceSlices(readArrayBuffer(`${root}/${tiny}/label_seg.dcm`), readDcmFolder(`${root}/${tiny}`, (n) => n.startsWith('IMG')));
  });
});

describeWithSharedData('readSegmentation of highdicom SEGs', ['seg-variants-highdicom'], ([root]) => {
  const ct = readDcmFolder(`${root}/pydicom-CT2-source`, () => true);

  it.each(['seg_image_ct_binary.dcm', 'seg_image_ct_binary_fractional.dcm', 'seg_image_ct_true_fractional.dcm'])('%s', (name) => {
    const read = expectFramesOnTheirSourceSlices(readArrayBuffer(`${root}/${name}`), ct);
    expect(read.segmentationType).toBe(name.includes('fractional') ? 'FRACTIONAL' : 'BINARY');
    if (name.includes('true_fractional')) {
      const values = new Set(Array.from(read.fractions![0]).map((v) => Math.round(v * 255)));
      expect(values.size).toBeGreaterThan(2); // really fractional, kept as fractions
    }
  });

  it('seg_image_ct_binary_overlap.dcm reports overlapping segments 1 and 2', () => {
    const read = expectFramesOnTheirSourceSlices(readArrayBuffer(`${root}/seg_image_ct_binary_overlap.dcm`), ct);
    expect(read.overlaps.map((o) => o.segments)).toEqual([[1, 2]]);
  });
});
