/**
 * A panel session on the real engine (cpu, tiny preset, a short schedule, one round) in an in-process worker, kept
 * in `idb` so a second session on the same `idb` restores it; and the two lines of strokes the two-class phantom's
 * session tests paint.
 */
import type { IDBFactory } from 'fake-indexeddb';
import * as engine from '../../../../src/ssldec';
import { buildSegmentation } from '../../../../src/seg/buildSegmentation';
import { SessionStore } from '../../../../extension/persistence/SessionStore';
import { SsldecSession } from '../../../../extension/session/SsldecSession';
import type { OhifContext } from '../../../../extension/ohif/types';
import type { FakeOhif } from './fakeOhif';
import { inProcessWorker } from './inProcessWorker';

const SCHEDULE = { supervisedSteps: 15, roundSteps: 2, unlabelledPatches: 4, patchSize: 16 };

/** A session on `ohif` whose worker runs `engineModule` (the real engine, or one with a call wrapped). */
export function engineSession(ohif: OhifContext, idb: IDBFactory, engineModule: typeof engine = engine): SsldecSession {
  return new SsldecSession({
    ohif, config: { backend: 'cpu', preset: 'tiny', maxRounds: 1, seed: 3 }, createWorker: () => inProcessWorker(engineModule).worker,
    persistence: new SessionStore(idb), buildSeg: buildSegmentation, algorithmVersion: 'test', schedule: SCHEDULE,
  });
}

/** Strokes on slice k of the first segmentation: class `left` down column 2, class `right` down column 13 (rows 3–12). */
export function paintTwoLines(viewer: FakeOhif, left: number, right: number, k: number): void {
  const scribbleId = [...viewer.segmentations.keys()][0];
  for (let j = 3; j < 13; j++) {
    viewer.paint(scribbleId, left, 2, j, k);
    viewer.paint(scribbleId, right, 13, j, k);
  }
}
