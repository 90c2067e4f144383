/**
 * A scribbled class that the prediction lost reaches the panel by its panel value (issue 9: never silently): the
 * engine's TrainResult.missingClasses (engine values 1..K) crosses the worker and is mapped back to the class list.
 * The engine is the real one on cpu, with its missingClasses answer replaced: which class vanishes is the engine's
 * business (tested in src/ssldec), how the panel hears of it is this test's.
 */
import { IDBFactory } from 'fake-indexeddb';
import * as engine from '../../../../src/ssldec';
import { engineSession, paintTwoLines } from '../helpers/engineSession';
import { fakeOhif } from '../helpers/fakeOhif';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

test('the engine value of a missing class is shown as the panel class it stands for', async () => {
  const { volume } = twoClassPhantom();
  const viewer = fakeOhif(volume);
  const lost: number[][] = [[2], []];
  const reportsMissing: typeof engine = {
    ...engine,
    trainSsldec: async (...args: Parameters<typeof engine.trainSsldec>) => {
      const result = await engine.trainSsldec(...args);
      const values = lost.shift() ?? [];
      return { ...result, missingClasses: (args[2]?.classes ?? []).filter((c) => values.includes(c.value)) };
    },
  };
  const idb = new IDBFactory();
  const session = engineSession(viewer.ohif, idb, reportsMissing);
  try {
    for (const name of ['Dark', 'Middle', 'Bright']) await session.addClass(name);
    await session.editClass({ type: 'classes/remove', value: 2 }); // panel values 1 and 3 are engine values 1 and 2
    await session.selectClass(1);
    paintTwoLines(viewer, 1, 3, 1);
    await session.train();
    expect(session.store.getState().error).toBeUndefined();
    expect(session.store.getState().prediction.missingClassValues).toEqual([3]);
    // The warning comes back with the kept prediction after a reload.
    await session.persistNow();
    const reloaded = engineSession(fakeOhif(volume).ohif, idb, reportsMissing);
    try {
      expect(await reloaded.restoreWhenReady(2000, 10)).toBe(true);
      expect(reloaded.store.getState().prediction.missingClassValues).toEqual([3]);
    } finally {
      reloaded.dispose();
    }
    await session.train({ continueTraining: true });
    expect(session.store.getState().prediction.missingClassValues).toEqual([]);
  } finally {
    session.dispose();
  }
}, 60_000);
