/**
 * One source of truth for classes, strokes and prediction, across reloads: removing a class erases its strokes and
 * its prediction voxels and counts, and makes the prediction stale (Save and Retrain refused, kept so after another
 * reload); renaming and recolouring reach the overlay and what Save writes; a class added later starts empty;
 * Retrain right after a reload continues from the kept model. Stand-in OHIF, real engine (cpu), real IndexedDB code.
 */
import { IDBFactory } from 'fake-indexeddb';
import { SsldecSession } from '../../../../extension/session/SsldecSession';
import { SessionStore } from '../../../../extension/persistence/SessionStore';
import type { SsldecConfig } from '../../../../extension/session/SsldecConfig';
import { fakeOhif, type FakeOhif } from '../helpers/fakeOhif';
import { inProcessWorker } from '../helpers/inProcessWorker';
import { buildSegmentation, type BuildSegmentationInput } from '../../../../src/seg/buildSegmentation';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

const CONFIG: SsldecConfig = { backend: 'cpu', preset: 'tiny', maxRounds: 1, seed: 3 };
const SCHEDULE = { supervisedSteps: 25, roundSteps: 4, unlabelledPatches: 4, patchSize: 16 };

function open(viewer: FakeOhif, idb: IDBFactory) {
  const inputs: BuildSegmentationInput[] = [];
  const session = new SsldecSession({
    ohif: viewer.ohif, config: CONFIG, createWorker: () => inProcessWorker().worker, persistence: new SessionStore(idb),
    buildSeg: (input) => (inputs.push(input), buildSegmentation(input)), algorithmVersion: 'test', schedule: SCHEDULE,
  });
  return { session, inputs };
}

const idOf = (viewer: FakeOhif, label: string) => [...viewer.segmentations.values()].find((s) => s.label === label)!.segmentationId;
const valuesIn = (data: Uint8Array) => [...new Set(data)].sort((a, b) => a - b);

describe('classes, strokes and prediction stay one thing, across reloads', () => {
  const { volume } = twoClassPhantom();
  const idb = new IDBFactory();
  const sessions: SsldecSession[] = [];
  afterAll(() => sessions.forEach((s) => s.dispose()));

  /** A "reload": a fresh viewer and session on the same IndexedDB, restored. */
  async function reload() {
    const viewer = fakeOhif(volume);
    const opened = open(viewer, idb);
    sessions.push(opened.session);
    expect(await opened.session.restoreWhenReady(2000, 10)).toBe(true);
    return { viewer, ...opened };
  }

  it('trains three classes, then after a reload retrains from the kept model', async () => {
    const viewer = fakeOhif(volume);
    const { session } = open(viewer, idb);
    sessions.push(session);
    for (const name of ['Dark', 'Middle', 'Bright']) await session.addClass(name);
    const scribbles = idOf(viewer, 'SSLDEC scribbles');
    for (let j = 3; j < 13; j++) {
      viewer.paint(scribbles, 1, 2, j, 1);
      viewer.paint(scribbles, 3, 13, j, 1);
    }
    for (let j = 3; j < 6; j++) viewer.paint(scribbles, 2, 6, j, 1);
    await session.train();
    expect(session.store.getState().training.status).toBe('done');
    await session.persistNow();

    const { session: second } = await reload();
    expect(second.store.getState().hasModel).toBe(true);
    await second.train({ continueTraining: true });
    expect(second.store.getState().training).toMatchObject({ status: 'done', continued: true });
    expect(second.store.getState().error).toBeUndefined();
    await second.persistNow();
  }, 90_000);

  it('after a reload, removing a class erases its strokes, prediction voxels and count, and the prediction goes stale', async () => {
    const { viewer, session, inputs } = await reload();
    const scribbles = idOf(viewer, 'SSLDEC scribbles');
    const prediction = idOf(viewer, 'SSLDEC prediction');
    expect(valuesIn(viewer.voxels(scribbles))).toEqual([0, 1, 2, 3]);
    expect(session.store.getState().prediction.stale).toBe(false);

    await session.editClass({ type: 'classes/remove', value: 2 });
    await new Promise((r) => setTimeout(r, 0)); // the overlay update runs after the class change
    expect(valuesIn(viewer.voxels(scribbles))).toEqual([0, 1, 3]);
    expect(viewer.voxels(prediction).includes(2)).toBe(false);
    const state = session.store.getState();
    expect(state.prediction).toMatchObject({ available: true, stale: true });
    expect(state.prediction.voxelsPerClass[2] ?? 0).toBe(0);

    // A stale prediction is neither saved nor continued.
    await session.save();
    expect(session.store.getState().save).toMatchObject({ status: 'failed', message: expect.stringMatching(/another set of classes/) });
    expect(viewer.stored).toHaveLength(0);
    expect(inputs).toHaveLength(0);
    await session.train({ continueTraining: true });
    expect(session.store.getState().error?.title).toBe('Classes changed');

    // A class added afterwards starts without strokes (it never inherits the removed class's).
    await session.addClass('New');
    const added = session.store.getState().classes.at(-1)!;
    expect(viewer.voxels(scribbles).includes(added.value)).toBe(false);

    // Renaming and recolouring reach the prediction's segments.
    await session.editClass({ type: 'classes/rename', value: 3, name: 'Bright tissue' });
    await session.editClass({ type: 'classes/recolour', value: 1, color: [10, 20, 30] });
    await new Promise((r) => setTimeout(r, 0));
    expect(viewer.segmentations.get(prediction)!.segments[3]?.label).toBe('Bright tissue');
    expect(viewer.colors.get(`${prediction}/1`)).toEqual([10, 20, 30, 255]);
    await session.editClass({ type: 'classes/remove', value: added.value });
    await session.persistNow();
  }, 60_000);

  it('after another reload the prediction is still stale; Train makes it current and Save writes the classes as listed', async () => {
    const { viewer, session, inputs } = await reload();
    let state = session.store.getState();
    expect(state.classes.map((c) => [c.value, c.name])).toEqual([[1, 'Dark'], [3, 'Bright tissue']]);
    expect([...state.classes[0].color]).toEqual([10, 20, 30]);
    expect(state.prediction.stale).toBe(true);
    await session.save();
    expect(viewer.stored).toHaveLength(0);

    await session.train();
    state = session.store.getState();
    expect(state.training.status).toBe('done');
    expect(state.prediction.stale).toBe(false);
    await session.save();
    expect(session.store.getState().save.status).toBe('saved');
    expect(inputs[0].segments.map((g) => [g.label, [...g.color!]])).toEqual([['Dark', [10, 20, 30]], ['Bright tissue', [...state.classes[1].color]]]);
    expect(valuesIn(inputs[0].labelmap.data)).toEqual([1, 2]);
  }, 60_000);
});
