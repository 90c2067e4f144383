/** Active display set choice and source reading against the stand-in OHIF (reversed image ids, stored = value/2). */
import { activeImageDisplaySet } from '../../../../extension/ohif/activeImageDisplaySet';
import { readSourceGrid, readSourceVolume } from '../../../../extension/ohif/readSourceVolume';
import { readScribbles } from '../../../../extension/ohif/readScribbles';
import { writeLabelmap } from '../../../../extension/ohif/writePrediction';
import { NotAnImageVolumeError, ViewerNotReadyError } from '../../../../extension/ohif/OhifBoundaryError';
import { fakeOhif } from '../helpers/fakeOhif';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

describe('reading the active series', () => {
  it('sorts slices by position, applies the modality rescale, and returns a fresh array', async () => {
    const { volume } = twoClassPhantom(8, 6, 4);
    const viewer = fakeOhif(volume);
    const { displaySet } = activeImageDisplaySet(viewer.ohif.servicesManager.services);
    const grid = readSourceGrid(viewer.cs, displaySet);
    expect(grid.imageIdBySlice).toEqual(['wadors:src/0', 'wadors:src/1', 'wadors:src/2', 'wadors:src/3']);
    const read = await readSourceVolume(viewer.cs, grid, 'MR');
    expect(read.dimensions).toEqual([8, 6, 4]);
    read.channels[0].forEach((v, i) => expect(Math.abs(v - volume.channels[0][i])).toBeLessThanOrEqual(1)); // stored value/2, rounded
    expect(read.channels[0]).not.toBe(volume.channels[0]);
  });

  it('refuses a viewport that shows no image series, and a colour image', async () => {
    const { volume } = twoClassPhantom(8, 6, 2);
    const viewer = fakeOhif(volume);
    const services = viewer.ohif.servicesManager.services;
    const segOnly = { ...services, displaySetService: { getDisplaySetByUID: () => ({ ...viewer.displaySet, Modality: 'SEG' }) } };
    expect(() => activeImageDisplaySet(segOnly)).toThrow(/shows SEG, not an image series/);
    const grid = readSourceGrid(viewer.cs, viewer.displaySet);
    const rgb = viewer.images.get('wadors:src/0')!;
    viewer.images.set('wadors:src/0', { ...rgb, getPixelData: () => new Uint8Array(8 * 6 * 3) as never });
    await expect(readSourceVolume(viewer.cs, grid)).rejects.toThrow(NotAnImageVolumeError);
  });

  it('loads a slice once more past the cache when the cached load gives no image, and names the slice when that fails too', async () => {
    const { volume } = twoClassPhantom(8, 6, 3);
    const viewer = fakeOhif(volume);
    const grid = readSourceGrid(viewer.cs, viewer.displaySet);
    const expected = await readSourceVolume(viewer.cs, grid);
    const loader = viewer.cs.cornerstone.imageLoader;
    const cached = loader.loadAndCacheImage;
    // The cached load of the middle slice resolves to nothing, as Cornerstone's did once in the viewer.
    loader.loadAndCacheImage = async (id) => (id === grid.imageIdBySlice[1] ? undefined : cached(id));
    const fresh: string[] = [];
    loader.loadImage = async (id, options) => {
      fresh.push(`${id} ignoreCache=${options.ignoreCache}`);
      return viewer.images.get(id);
    };
    expect((await readSourceVolume(viewer.cs, grid)).channels[0]).toEqual(expected.channels[0]);
    expect(fresh).toEqual([`${grid.imageIdBySlice[1]} ignoreCache=true`]);
    loader.loadImage = async () => undefined;
    await expect(readSourceVolume(viewer.cs, grid)).rejects.toThrow(ViewerNotReadyError);
    await expect(readSourceVolume(viewer.cs, grid)).rejects.toThrow(/no pixels for slice 2 of 3 .*Train again; your scribbles are kept/);
  });

  it('writes a labelmap into per-slice images and reads it back as scribbles (round trip)', async () => {
    const { volume, truth } = twoClassPhantom(8, 6, 3);
    const viewer = fakeOhif(volume);
    const seg = viewer.ohif.servicesManager.services.segmentationService;
    const id = await seg.createLabelmapForDisplaySet(viewer.displaySet, { label: 'x' });
    const grid = readSourceGrid(viewer.cs, viewer.displaySet);
    writeLabelmap(viewer.cs, seg, id, { ...grid.geometry, data: truth }, grid.imageIdBySlice);
    expect(readScribbles(viewer.cs, seg, id, grid.geometry, grid.sliceByImageId).data).toEqual(truth);
    const onlyTwo = readScribbles(viewer.cs, seg, id, grid.geometry, grid.sliceByImageId, (s) => (s === 2 ? 7 : 0)).data;
    expect(onlyTwo).toEqual(truth.map((t) => (t === 2 ? 7 : 0)));
  });
});
