/**
 * The SSLDEC OHIF extension object (default export of `ssldec-extension.js`): a panel, a commands module, and one
 * session per viewer (store, training worker, segmentations, persistence), created on first use and disposed when
 * the mode is left. Nothing from @ohif/* or @cornerstonejs/* is bundled; the host's instances come through the
 * managers OHIF hands each module.
 */
import { id, MIDDLE_SLICE_PROTOCOL_ID } from './id';
import { middleSliceProtocolGenerator } from './ohif/middleSliceProtocol';
import { getPanelModule } from './getPanelModule';
import { getCommandsModule } from './commandsModule';
import { SsldecSession } from './session/SsldecSession';
import { readSsldecConfig } from './session/SsldecConfig';
import { SessionStore } from './persistence/SessionStore';
import { createTrainingWorker } from './worker/createTrainingWorker';
import { buildSegmentation } from '../src/seg/buildSegmentation';
import type { OhifContext } from './ohif/types';
import { VERSION } from '../src/version';

/** Version recorded in saved SEGs (AlgorithmVersion) and offered to OHIF: the package version. */
export const EXTENSION_VERSION = VERSION;

function createSession(ohif: OhifContext): SsldecSession {
  const g = globalThis as { config?: { ssldec?: unknown }; indexedDB?: IDBFactory };
  const config = readSsldecConfig(g.config?.ssldec);
  return new SsldecSession({
    ohif,
    config,
    createWorker: () => createTrainingWorker(config.workerUrl),
    persistence: g.indexedDB
      ? new SessionStore(g.indexedDB, { maxAgeMs: config.sessionMaxAgeDays === undefined ? undefined : config.sessionMaxAgeDays * 86_400_000 })
      : undefined,
    buildSeg: buildSegmentation,
    algorithmVersion: EXTENSION_VERSION,
  });
}

// One session per servicesManager (one viewer app); keyed weakly so a torn-down viewer frees it.
const sessions = new WeakMap<object, SsldecSession>();

function sessionFor(ohif: OhifContext): () => SsldecSession {
  return () => {
    let session = sessions.get(ohif.servicesManager);
    if (!session) {
      session = createSession(ohif);
      sessions.set(ohif.servicesManager, session);
    }
    return session;
  };
}

const extension = {
  id,
  version: EXTENSION_VERSION,
  getPanelModule: (ohif: OhifContext) => getPanelModule(sessionFor(ohif)),
  getCommandsModule: (ohif: OhifContext) => getCommandsModule(sessionFor(ohif)),
  /** The protocol our mode hangs studies with: OHIF's grid, opened on the middle slice. */
  getHangingProtocolModule: () => [{ name: MIDDLE_SLICE_PROTOCOL_ID, protocol: middleSliceProtocolGenerator(MIDDLE_SLICE_PROTOCOL_ID) }],
  /** Leaving the mode stops the worker; IndexedDB keeps the scribbles for the next visit. */
  onModeExit: ({ servicesManager }: Pick<OhifContext, 'servicesManager'>) => {
    sessions.get(servicesManager)?.dispose();
    sessions.delete(servicesManager);
  },
};

export default extension;
