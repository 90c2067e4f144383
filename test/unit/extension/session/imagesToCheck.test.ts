/**
 * After a result the panel points at the image without strokes that the model doubts most, numbered as the viewport
 * scrolls (the fake lists its images in reversed slice order), and "Go to image N" scrolls there; a restored result
 * points again after a reload. The engine is the real one on cpu (tiny preset).
 */
import { IDBFactory } from 'fake-indexeddb';
import * as engine from '../../../../src/ssldec';
import { doubtfulImage } from '../../../../extension/session/doubtfulImage';
import type { OhifViewer, ViewerTarget } from '../../../../extension/ohif/OhifViewer';
import { engineSession, paintTwoLines } from '../helpers/engineSession';
import { fakeOhif } from '../helpers/fakeOhif';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

const SLICES = 5;

test('the panel points at the most doubtful unscribbled image and scrolls there', async () => {
  const { volume } = twoClassPhantom(16, 16, SLICES);
  const viewer = fakeOhif(volume);
  let confidence = new Float32Array(0);
  const keepsConfidence: typeof engine = {
    ...engine,
    trainSsldec: async (...args: Parameters<typeof engine.trainSsldec>) => {
      const result = await engine.trainSsldec(...args);
      confidence = result.confidence.slice();
      return result;
    },
  };
  const idb = new IDBFactory();
  const session = engineSession(viewer.ohif, idb, keepsConfidence);
  try {
    expect(session.store.getState().prediction.doubtful).toBeUndefined();
    for (const name of ['Dark', 'Bright']) await session.addClass(name);
    await session.selectClass(1);
    paintTwoLines(viewer, 1, 2, 2);
    await session.train();
    const state = session.store.getState();
    expect(state.error).toBeUndefined();
    const doubtful = state.prediction.doubtful!;
    expect(doubtful).toBeDefined();
    // The engine's choice among the unscribbled slices, from the run's confidence.
    expect(doubtful.slice).toBe(engine.leastConfidentSlice(confidence, volume.dimensions, [2]).slice);
    expect(doubtful.slice).not.toBe(2);
    expect(doubtful.unsureVoxels).toBeGreaterThan(0);
    expect(doubtful).toMatchObject({ image: SLICES - doubtful.slice, images: SLICES });

    await session.showDoubtfulImage();
    expect(session.store.getState().error).toBeUndefined();
    expect(viewer.shownImageIndex).toBe(doubtful.image - 1);

    await session.persistNow();
    const reloaded = engineSession(fakeOhif(volume).ohif, idb, keepsConfidence);
    try {
      expect(await reloaded.restoreWhenReady(2000, 10)).toBe(true);
      expect(reloaded.store.getState().prediction.doubtful).toEqual(doubtful);
    } finally {
      reloaded.dispose();
    }
  } finally {
    session.dispose();
  }
}, 60_000);


test('no image is offered for a single image, a sure result, or a viewport that does not show the series', () => {
  const target = (slices: number) => ({ grid: { geometry: { dimensions: [4, 4, slices] } } }) as unknown as ViewerTarget;
  const shows = { imageIndexOf: (_t: ViewerTarget, k: number) => ({ index: 9 - k, count: 10 }) } as unknown as OhifViewer;
  const unsure = (slices: number) => new Float32Array(16 * slices).fill(0.5);
  expect(doubtfulImage(shows, target(10), unsure(10), undefined, 0.7)).toEqual({ slice: 0, image: 10, images: 10, unsureVoxels: 16 });
  expect(doubtfulImage(shows, target(1), unsure(1), undefined, 0.7)).toBeUndefined();
  expect(doubtfulImage(shows, target(10), new Float32Array(160).fill(0.9), undefined, 0.7)).toBeUndefined();
  const elsewhere = { imageIndexOf: () => undefined } as unknown as OhifViewer;
  expect(doubtfulImage(elsewhere, target(10), unsure(10), undefined, 0.7)).toBeUndefined();
});
