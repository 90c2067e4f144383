import { DicomWebClient } from '../../../src/dicomweb/DicomWebClient';
import { DicomWebError } from '../../../src/dicomweb/DicomWebError';
import { installXmlHttpRequest } from '../../../src/dicomweb/node/installXmlHttpRequest';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { text } from '../../../src/io/dicom/attributes';
import { buildSegmentation } from '../../../src/seg/buildSegmentation';
import { SegmentAlgorithmType, SegmentationType } from '../../../src/seg/enums';
import { packBits } from '../../../src/seg/packBits';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { dciodvfy } from '../../helpers/dciodvfy';
import { firstDifference } from '../../helpers/dicomCompare';
import { readDcmFolder } from '../../helpers/dicomFiles';
import { startOrthanc, type RunningOrthanc } from '../../helpers/orthanc';
import { describeWithSharedData } from '../../helpers/sharedData';

jest.setTimeout(60_000);
installXmlHttpRequest();

/** A source series (tiny CT) and a 2-segment SEG on it. */
function fixture(folder: string, segmentationType?: SegmentationType) {
  const files = readDcmFolder(folder, (n) => n.startsWith('IMG'));
  const source = readDicomSeries(files);
  const { channels: _c, ...geometry } = source.volume;
  const voxels = geometry.dimensions[0] * geometry.dimensions[1] * 3;
  const labelmap = { ...geometry, data: Uint8Array.from({ length: voxels }, (_, n) => (n % 5 === 0 ? 1 : n % 7 === 0 ? 2 : 0)) };
  const seg = buildSegmentation({
    sourceInstances: source.source.instances,
    labelmap,
    segments: [{ label: 'liver' }, { label: 'vessel' }],
    algorithm: { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: '0.1.0' },
    segmentationType,
  });
  return { files, source, labelmap, seg };
}

describeWithSharedData('DICOMweb against a real Orthanc', ['ct-liver-seg-dcmqi/tiny-24x38x3', 'ct-liver-seg-dcmqi/tiny-23x38x3'], ([even, odd]) => {
  let orthanc: RunningOrthanc;
  let client: DicomWebClient;
  const { files, source, labelmap, seg } = fixture(even);
  const oddWidth = fixture(odd, SegmentationType.BINARY);
  const oddDefault = fixture(odd);

  beforeAll(async () => {
    orthanc = await startOrthanc();
    client = new DicomWebClient({ root: orthanc.dicomWebRoot, headers: { ...orthanc.authHeaders, 'X-Site': 'test' } });
    for (const f of [...files, ...oddWidth.files]) await client.storeOnce(f);
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('reads the source series back over WADO-RS into the same volume', async () => {
    const over = readDicomSeries(await client.retrieveSeries(source.source.studyInstanceUID, source.source.seriesInstanceUID));
    expect(over.volume.dimensions).toEqual(source.volume.dimensions);
    expect(firstDifference(over.volume.channels[0], source.volume.channels[0])).toBe(-1);
  });

  it('STOWs our SEG once, finds it with QIDO, retrieves it with WADO-RS and reads it back equal', async () => {
    const first = await client.storeOnce(seg.bytes);
    expect(first).toEqual({ sopInstanceUID: seg.sopInstanceUID, stored: true, attempts: 1 });
    const again = await client.storeOnce(seg.bytes);
    expect(again).toEqual({ sopInstanceUID: seg.sopInstanceUID, stored: false, attempts: 0 });
    const found = await client.searchSeries({ Modality: 'SEG' });
    expect(found.map((s) => text(s.SeriesInstanceUID))).toContain(seg.seriesInstanceUID);
    const bytes = await client.retrieveInstance(seg.studyInstanceUID, seg.seriesInstanceUID, seg.sopInstanceUID);
    const back = readSegmentation(bytes, source.source.instances);
    expect(firstDifference(back.labelmap.data, labelmap.data)).toBe(-1);
  });

  it('builds a valid SEG from WADO-RS series metadata (the form OHIF holds), equal to the one from files', async () => {
    const metadata = await client.retrieveSeriesMetadata(source.source.studyInstanceUID, source.source.seriesInstanceUID);
    expect(metadata).toHaveLength(3);
    const fromMetadata = buildSegmentation({
      sourceInstances: [...metadata].reverse(),
      labelmap,
      segments: [{ label: 'liver' }, { label: 'vessel' }],
      algorithm: { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: '0.1.0' },
    });
    const report = dciodvfy(fromMetadata.bytes);
    expect(report.errors).toEqual([]);
    const back = readSegmentation(fromMetadata.bytes, source.source.instances);
    expect(firstDifference(back.labelmap.data, labelmap.data)).toBe(-1);
  });

  it('gets SEG frames over WADO-RS bit-packed, each frame from its own first byte', async () => {
    const [frame2] = await client.retrieveFrames(seg.studyInstanceUID, seg.seriesInstanceUID, seg.sopInstanceUID, [2]);
    // Frame 2 = segment 1 on slice 1 (frames are segment-major, slices ascending).
    const expected = packBits(Uint8Array.from(labelmap.data.subarray(912, 2 * 912), (v) => (v === 1 ? 1 : 0)));
    expect(Array.from(frame2.subarray(0, 912 / 8))).toEqual(Array.from(expected.subarray(0, 912 / 8)));
  });

  it('odd width (23x38 = 874 bits per frame): instance round trip works; Orthanc 1.10 refuses single frames, with its reason', async () => {
    const { seg: oddSeg, source: oddSource, labelmap: oddLabels } = oddWidth;
    expect((await client.storeOnce(oddSeg.bytes)).stored).toBe(true);
    const back = readSegmentation(
      await client.retrieveInstance(oddSeg.studyInstanceUID, oddSeg.seriesInstanceUID, oddSeg.sopInstanceUID),
      oddSource.source.instances,
    );
    expect(firstDifference(back.labelmap.data, oddLabels.data)).toBe(-1);
    // Frames of a 1-bit SEG are not byte-aligned here (the standard forbids padding between frames), and
    // Orthanc cannot cut them out: readers must fetch the whole instance, as readSegmentation does.
    const error = await client.retrieveFrames(oddSeg.studyInstanceUID, oddSeg.seriesInstanceUID, oddSeg.sopInstanceUID, [2]).catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(400);
    expect(error.reason).toMatch(/Bad file format/);
  });

  it('odd width, default encoding (FRACTIONAL 0/255, one byte per pixel): Orthanc serves single frames', async () => {
    const { seg: oddSeg, labelmap: oddLabels } = oddDefault;
    expect((await client.storeOnce(oddSeg.bytes)).stored).toBe(true);
    const [frame2] = await client.retrieveFrames(oddSeg.studyInstanceUID, oddSeg.seriesInstanceUID, oddSeg.sopInstanceUID, [2]);
    // Frame 2 = segment 1 on slice 1.
    expect(Array.from(frame2.subarray(0, 874))).toEqual(Array.from(oddLabels.data.subarray(874, 2 * 874), (v) => (v === 1 ? 255 : 0)));
  });

  it('reports an unreachable PACS with status 0 after the retries', async () => {
    const down = new DicomWebClient({ root: 'http://127.0.0.1:9/dicom-web' });
    const error = await down.storeOnce(seg.bytes, { retries: 1, retryDelayMs: 10 }).catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/QIDO-RS .* got no answer .* Check that the PACS is running/);
  });

  it('a refused STOW shows the PACS reason (instance posted into another study: Orthanc answers 409)', async () => {
    const error = await client.stow([files[0]], '1.2.3.4').catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(409);
    expect(error.reason).toMatch(/^refused [0-9.]+: FailureReason 0x[0-9A-F]{4}/);
  });

  it('reports a missing instance as HTTP 404', async () => {
    const error = await client.retrieveInstance(seg.studyInstanceUID, seg.seriesInstanceUID, '1.2.3.4.5.6.7').catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(404);
  });
});
