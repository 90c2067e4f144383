import { saveSegmentation, toSegSegments } from '../../../../extension/save/saveSegmentation';
import { SaveError } from '../../../../extension/save/SaveError';
import type { Labelmap } from '../../../../src/volume/Volume';
import { buildSegmentation } from '../../../../src/seg/buildSegmentation';
import { naturalizedMrInstances } from '../helpers/naturalizedInstances';
import { dciodvfy } from '../../../helpers/dciodvfy';

const geometry = { dimensions: [2, 2, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Labelmap['direction'] };
const prediction: Labelmap = { ...geometry, data: new Uint8Array([1, 5, 5, 1]) };
const classes = [{ value: 1, name: 'CSF', color: [1, 2, 3] as [number, number, number] }, { value: 3, name: 'Empty', color: [0, 0, 0] as [number, number, number] }, { value: 5, name: 'WM', color: [9, 9, 9] as [number, number, number] }];

describe('toSegSegments', () => {
  it('numbers segments 1..K in class order, keeps empty classes, and renumbers voxels', () => {
    const { labelmap, segments } = toSegSegments(prediction, classes);
    expect(segments).toEqual([{ label: 'CSF', color: [1, 2, 3] }, { label: 'Empty', color: [0, 0, 0] }, { label: 'WM', color: [9, 9, 9] }]);
    expect([...labelmap.data]).toEqual([1, 3, 3, 1]);
  });
});

describe('saveSegmentation', () => {
  const sourceInstances = naturalizedMrInstances(geometry, '1.2.826.0.1.3680043.2.1125.7', '1.2.826.0.1.3680043.2.1125.7.1');
  const request = (store: (b: ArrayBuffer) => Promise<unknown>) => ({
    send: async (b: ArrayBuffer) => void (await store(b)), sourceInstances, prediction, classes, parameters: { backend: 'cpu', seed: 1 }, algorithmVersion: '0.1.0',
  });
  const build = buildSegmentation;

  it('sends a valid SEMIAUTOMATIC BINARY SEG (dciodvfy: 0 errors) through the data source and returns its UIDs', async () => {
    const sent: ArrayBuffer[] = [];
    const identity = await saveSegmentation(request(async (b) => void sent.push(b)), build);
    expect(sent).toHaveLength(1);
    expect(identity.studyInstanceUID).toBe('1.2.826.0.1.3680043.2.1125.7');
    expect(identity.seriesInstanceUID).toMatch(/^[0-9.]+$/);
    const report = dciodvfy(sent[0]);
    expect(report.iod).toMatch(/Segmentation/);
    expect(report.errors).toEqual([]);
  });

  it('leaves a "Background" class out of the result unless includeBackground, and keeps it in scribble SEGs', async () => {
    const withBackground = [classes[0], { value: 3, name: 'Background', color: [120, 120, 120] as [number, number, number] }, classes[2]];
    const labels = (req: Parameters<typeof saveSegmentation>[0]) => saveSegmentation(req, build).then((r) => r.segmentLabels);
    const base = { ...request(async () => undefined), classes: withBackground };
    expect(await labels(base)).toEqual(['CSF', 'WM']);
    expect(await labels({ ...base, includeBackground: true })).toEqual(['CSF', 'Background', 'WM']);
    expect(await labels({ ...base, kind: 'scribbles' })).toEqual(['CSF', 'Background', 'WM']);
  });

  it('says the PACS status when sending fails, and why when building fails', async () => {
    const refused = saveSegmentation(request(async () => { throw Object.assign(new Error('x'), { request: { status: 401 } }); }), build);
    await expect(refused).rejects.toThrow(/PACS answered HTTP 401.*kept/);
    await expect(refused).rejects.toMatchObject({ status: 401 });
    const offline = saveSegmentation(request(async () => { throw new TypeError('Failed to fetch'); }), build);
    await expect(offline).rejects.toThrow(/could not be reached \(Failed to fetch\)/);
    const broken = saveSegmentation(request(async () => undefined), () => { throw new Error('PixelSpacing missing'); });
    await expect(broken).rejects.toThrow(SaveError);
    await expect(broken).rejects.toThrow(/Building the DICOM-SEG failed: PixelSpacing missing The prediction is kept/);
    await expect(saveSegmentation({ ...request(async () => undefined), sourceInstances: [] }, build)).rejects.toThrow(/no instance metadata/);
  });
});
