import { EXIT } from '../../../src/cli/CliError';
import { loadImage } from '../../../src/cli/loadImage';
import { runCli } from '../../../src/cli/runCli';
import { DicomWebClient } from '../../../src/dicomweb/DicomWebClient';
import { DicomWebError } from '../../../src/dicomweb/DicomWebError';
import { installXmlHttpRequest } from '../../../src/dicomweb/node/installXmlHttpRequest';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { firstDifference } from '../../helpers/dicomCompare';
import { readDcmFolder } from '../../helpers/dicomFiles';
import { startOrthanc, type RunningOrthanc } from '../../helpers/orthanc';
import { describeWithSharedData } from '../../helpers/sharedData';

jest.setTimeout(60_000);

describeWithSharedData('ssldec --image <DICOMweb series URL> against a real Orthanc', ['mr-brain-epi-63slices'], ([folder]) => {
  let orthanc: RunningOrthanc;
  const files = readDcmFolder(folder);
  const local = readDicomSeries(files);

  beforeAll(async () => {
    installXmlHttpRequest();
    orthanc = await startOrthanc();
    const client = new DicomWebClient({ root: orthanc.dicomWebRoot, headers: orthanc.authHeaders });
    for (const f of files) await client.storeOnce(f);
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('retrieves the 63-slice series over WADO-RS into the same volume and source as the folder', async () => {
    const url = `${orthanc.dicomWebRoot}/studies/${local.source.studyInstanceUID}/series/${local.source.seriesInstanceUID}`;
    const image = await loadImage(url, { headers: { ...orthanc.authHeaders, 'X-Site': 'test' } });
    expect(image.volume.dimensions).toEqual([86, 86, 63]);
    expect(image.volume.origin).toEqual(local.volume.origin);
    expect(firstDifference(image.volume.channels[0], local.volume.channels[0])).toBe(-1);
    expect(image.dicom?.seriesInstanceUID).toBe(local.source.seriesInstanceUID);
  });

  it('a series the PACS does not have gives a DicomWebError with the status', async () => {
    const url = `${orthanc.dicomWebRoot}/studies/${local.source.studyInstanceUID}/series/1.2.3.999`;
    const error = await loadImage(url, { headers: orthanc.authHeaders }).catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(404);
  });

  it('ssldec info <series URL> prints the series grid from WADO-RS metadata (no pixel data fetched)', async () => {
    const url = `${orthanc.dicomWebRoot}/studies/${local.source.studyInstanceUID}/series/${local.source.seriesInstanceUID}`;
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['info', url, '--json', '--header', 'X-Site: test', '--header', `Authorization: ${orthanc.authHeaders.authorization}`], {
      stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) },
    });
    expect(out.stderr).toBe('');
    expect(code).toBe(EXIT.OK);
    const report = JSON.parse(out.stdout);
    expect(report.url).toBe(url);
    expect(report.series[0]).toMatchObject({
      seriesInstanceUID: local.source.seriesInstanceUID, modality: 'MR', files: 63,
      dimensions: [86, 86, 63], direction: [0, 1, 0, 0, 0, -1, -1, 0, 0], orientation: 'PIR', missingSlices: 0,
    });
    report.series[0].origin.forEach((v: number, n: number) => expect(v).toBeCloseTo(local.volume.origin[n], 4));
  });
});
