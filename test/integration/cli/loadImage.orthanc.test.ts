import { loadImage } from '../../../src/cli/loadImage';
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
    const client = new DicomWebClient({ root: orthanc.dicomWebRoot });
    for (const f of files) await client.storeOnce(f);
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('retrieves the 63-slice series over WADO-RS into the same volume and source as the folder', async () => {
    const url = `${orthanc.dicomWebRoot}/studies/${local.source.studyInstanceUID}/series/${local.source.seriesInstanceUID}`;
    const image = await loadImage(url, { headers: { 'X-Site': 'test' } });
    expect(image.volume.dimensions).toEqual([86, 86, 63]);
    expect(image.volume.origin).toEqual(local.volume.origin);
    expect(firstDifference(image.volume.channels[0], local.volume.channels[0])).toBe(-1);
    expect(image.dicom?.seriesInstanceUID).toBe(local.source.seriesInstanceUID);
  });

  it('a series the PACS does not have gives a DicomWebError with the status', async () => {
    const url = `${orthanc.dicomWebRoot}/studies/${local.source.studyInstanceUID}/series/1.2.3.999`;
    const error = await loadImage(url, {}).catch((e) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error.status).toBe(404);
  });
});
