import { readDicomSeries, type DicomVolume } from '../../../src/io/readDicomSeries';
import { readPart10 } from '../../../src/io/dicom/dcmjs';
import { buildSegmentation, type BuildSegmentationInput } from '../../../src/seg/buildSegmentation';
import { SegmentAlgorithmType, SegmentationType } from '../../../src/seg/enums';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { GeometryMismatchError } from '../../../src/seg/SegmentationError';
import type { Labelmap } from '../../../src/volume/Volume';
import { dcentvfy, dciodvfy } from '../../helpers/dciodvfy';
import { firstDifference } from '../../helpers/dicomCompare';
import { readDcmFolder } from '../../helpers/dicomFiles';
import { describeWithSharedData } from '../../helpers/sharedData';

const SSLDEC = { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: '0.1.0', parameters: { epochs: 3, seed: 7, backend: 'cpu' } };
const BRAIN_CLASSES = [{ label: 'CSF', color: [0, 0, 255] as [number, number, number] }, { label: 'grey matter' }, { label: 'white matter' }];

/** Intensity bands as classes 1..3 (a stand-in prediction with realistic shapes), leaving class 4 empty when asked. */
function thresholdLabels(dicom: DicomVolume): Labelmap {
  const { channels, ...geometry } = dicom.volume;
  const values = channels[0];
  const sorted = Float32Array.from(values).sort();
  const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
  const [a, b, c] = [q(0.5), q(0.7), q(0.85)];
  const data = new Uint8Array(values.length);
  for (let n = 0; n < values.length; n++) data[n] = values[n] > c ? 3 : values[n] > b ? 2 : values[n] > a ? 1 : 0;
  return { ...geometry, data };
}

/** Validates with dciodvfy and dcentvfy and reads back; returns the read result for further checks. */
function validateAndReadBack(input: BuildSegmentationInput, sources: ArrayBuffer[]) {
  const seg = buildSegmentation(input);
  const report = dciodvfy(seg.bytes);
  expect(report.iod).toBe('Segmentation');
  expect(report.errors).toEqual([]);
  expect(report.exitCode).toBe(0);
  expect(dcentvfy(seg.bytes, sources).errors).toEqual([]);
  const back = readSegmentation(seg.bytes, input.sourceInstances);
  expect(firstDifference(back.labelmap.data, input.labelmap.data)).toBe(-1);
  expect(back.overlaps).toEqual([]);
  expect(back.segments.map((s) => s.SegmentLabel)).toEqual(input.segments.map((s) => s.label));
  return { seg, back, report };
}

describeWithSharedData('buildSegmentation on the 63-slice MR passes dciodvfy and reads back identical', ['mr-brain-epi-63slices'], ([folder]) => {
  const files = readDcmFolder(folder);
  const dicom = readDicomSeries(files);
  const labels = thresholdLabels(dicom);

  it('ascending source order, SEMIAUTOMATIC with algorithm identification, an empty 4th class', () => {
    const { seg, back } = validateAndReadBack(
      { sourceInstances: dicom.source.instances, labelmap: labels, segments: [...BRAIN_CLASSES, { label: 'lesion' }], algorithm: SSLDEC },
      files,
    );
    expect(seg.numberOfFrames).toBe(4 * 63);
    const ds = readPart10(seg.bytes).dataset;
    // 86x86 = 7396 pixels, not a multiple of 8: binary values in a FRACTIONAL SEG, which OHIF 3.13 can show.
    expect([ds.SegmentationType, ds.SegmentationFractionalType, ds.MaximumFractionalValue, ds.BitsAllocated]).toEqual(['FRACTIONAL', 'PROBABILITY', 255, 8]);
    expect(new Set(new Uint8Array((ds.PixelData as ArrayBuffer[])[0]))).toEqual(new Set([0, 255]));
    const segments = ds.SegmentSequence as Record<string, any>[];
    expect(segments.map((s) => s.SegmentNumber)).toEqual([1, 2, 3, 4]);
    expect(segments[0].SegmentedPropertyTypeCodeSequence[0].CodeValue).toBe('65216001');
    expect(segments[0].SegmentationAlgorithmIdentificationSequence[0].AlgorithmParameters).toBe('epochs=3;seed=7;backend=cpu');
    expect(back.segments[3].SegmentAlgorithmType).toBe('SEMIAUTOMATIC');
    expect((ds.ReferencedSeriesSequence as any[])[0].SeriesInstanceUID).toBe(dicom.source.seriesInstanceUID);
    expect(ds.FrameOfReferenceUID).toBe(dicom.source.frameOfReferenceUID);
  });

  it('descending source order (instances reversed) gives the same frames and labels', () => {
    const reversed = readDicomSeries([...files].reverse());
    const { seg } = validateAndReadBack(
      { sourceInstances: [...reversed.source.instances].reverse(), labelmap: labels, segments: BRAIN_CLASSES, algorithm: SSLDEC },
      files,
    );
    const positions = (readPart10(seg.bytes).dataset.PerFrameFunctionalGroupsSequence as any[])
      .slice(0, 63)
      .map((g) => g.PlanePositionSequence[0].ImagePositionPatient[0]);
    expect(positions[0]).toBeCloseTo(68.2, 3);
    expect(positions[62]).toBeCloseTo(-68.2, 3);
  });

  it('FRACTIONAL (PROBABILITY) with the confidence', () => {
    const confidence = Float32Array.from(labels.data, (v, n) => (v ? 0.6 + 0.4 * ((n % 7) / 7) : 0));
    const { back } = validateAndReadBack(
      { sourceInstances: dicom.source.instances, labelmap: labels, segments: BRAIN_CLASSES, algorithm: SSLDEC, fractional: { confidence } },
      files,
    );
    expect(back.segmentationType).toBe('FRACTIONAL');
    const voxel = labels.data.findIndex((v) => v === 2);
    expect(back.fractions![1][voxel]).toBeCloseTo(confidence[voxel], 2);
  });

  it('MANUAL scribble SEG without algorithm identification', () => {
    const scribbles = { ...labels, data: labels.data.map((v, n) => (n % 97 === 0 ? v : 0)) };
    const manual = validateAndReadBack({ sourceInstances: dicom.source.instances, labelmap: scribbles, segments: BRAIN_CLASSES }, files);
    const first = (readPart10(manual.seg.bytes).dataset.SegmentSequence as any[])[0];
    expect(first.SegmentAlgorithmType).toBe('MANUAL');
    expect(first.SegmentationAlgorithmIdentificationSequence).toBeUndefined();
  });

  it('makes new UIDs on every save and can re-save into the same series with a higher InstanceNumber', () => {
    const input = { sourceInstances: dicom.source.instances, labelmap: labels, segments: BRAIN_CLASSES, algorithm: SSLDEC };
    const a = buildSegmentation(input);
    const b = buildSegmentation({ ...input, seriesInstanceUID: a.seriesInstanceUID, instanceNumber: 2 });
    expect(b.sopInstanceUID).not.toBe(a.sopInstanceUID);
    expect(b.seriesInstanceUID).toBe(a.seriesInstanceUID);
    expect(a.seriesInstanceUID).not.toBe(dicom.source.seriesInstanceUID);
    expect(readPart10(b.bytes).dataset.InstanceNumber).toBe(2);
  });

  it('refuses a labelmap that is not on the source grid', () => {
    const shifted = { ...labels, origin: [labels.origin[0], labels.origin[1] + 1, labels.origin[2]] as [number, number, number] };
    expect(() => buildSegmentation({ sourceInstances: dicom.source.instances, labelmap: shifted, segments: BRAIN_CLASSES })).toThrow(
      GeometryMismatchError,
    );
  });
});

describeWithSharedData(
  'buildSegmentation on odd and even widths, single-frame and enhanced multi-frame sources',
  ['ct-liver-seg-dcmqi/tiny-23x38x3', 'ct-liver-seg-dcmqi/tiny-24x38x3'],
  (folders) => {
    const cases = folders.flatMap((f) => [[f, 'IMG'], [f, 'multiframe']]).flatMap(([f, kind]) => [[f, kind, 'default'], [f, kind, 'BINARY']]);
    it.each(cases)('%s %s %s', (folder, kind, type) => {
      const files = readDcmFolder(folder, (n) => n.startsWith(kind));
      const dicom = readDicomSeries(files);
      const { channels: _c, ...geometry } = dicom.volume;
      // A checkerboard-like pattern exercises bit packing across the frame boundary (23x38 = 874 bits).
      const data = Uint8Array.from({ length: geometry.dimensions[0] * geometry.dimensions[1] * 3 }, (_, n) => (n * 7) % 3);
      const { seg, back } = validateAndReadBack(
        {
          sourceInstances: dicom.source.instances, labelmap: { ...geometry, data }, segments: [{ label: 'liver' }, { label: 'vessel' }], algorithm: SSLDEC,
          segmentationType: type === 'BINARY' ? SegmentationType.BINARY : undefined,
        },
        files,
      );
      // 24x38 frames are byte-aligned (BINARY by default); 23x38 are not (FRACTIONAL 0/255 unless BINARY is forced).
      expect(back.segmentationType).toBe(type === 'BINARY' || geometry.dimensions[0] === 24 ? 'BINARY' : 'FRACTIONAL');
      if (kind === 'multiframe') {
        const source = (readPart10(seg.bytes).dataset.PerFrameFunctionalGroupsSequence as any[])[2].DerivationImageSequence[0].SourceImageSequence[0];
        expect(source.ReferencedFrameNumber).toBe(3);
      }
    });
  },
);
