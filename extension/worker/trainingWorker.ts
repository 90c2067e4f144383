/**
 * Entry of the training worker bundle (`ssldec-training-worker.js`, a module worker). All TF.js work runs here so
 * the viewer's main thread never blocks; see createTrainingHandler.ts for the logic and messages.ts for the protocol.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { trainSsldec, saveModel, loadModel, prepareFilterBank, initBackend, setupRunnerOn, UnknownBackendError } from '../../src/ssldec';
import { startWasm } from '../../src/ssldec/backend/wasmThreads';
import type { BackendName } from '../../src/ssldec/types';
import { createTrainingHandler } from './createTrainingHandler';
import { chooseBackend, type BackendChoice, type MachineFacts } from './chooseBackend';
import { machineFacts } from './machineFacts';
import { wasmThreading } from './wasmThreading';
import type { WorkerRequest } from './messages';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

// The .wasm binaries are shipped beside this bundle (.webpack/wasmBinaries.js); without this TF.js fetches them
// from the site root and gets the viewer's HTML page.
setWasmPaths(new URL('./', import.meta.url).href);

/** Machine facts plus the threads wasm can have here (decided before TF.js starts wasm: it reads them once). */
async function prepareFacts(wasmThreads?: number): Promise<MachineFacts> {
  return { ...(await machineFacts()), wasm: await wasmThreading(self, undefined, wasmThreads) };
}

/** Starts `name`; wasm on the threads decided, recording the count that actually runs (the panel's notice says it). */
function backendStarter(facts: MachineFacts) {
  return async (name: BackendName): Promise<string | undefined> => {
    try {
      if (name !== 'wasm' || !facts.wasm) {
        await initBackend(name);
        return undefined;
      }
      const asked = facts.wasm.threads;
      const running = await startWasm(asked);
      if (running !== asked) facts.wasm = { threads: running, whyOneThread: `TF.js started ${running} of the ${asked} threads asked for` };
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
}

// One choice per worker (TF.js keeps the backend it started, on the threads it started with); a forced backend is the
// site's, so no probing.
let chosen: Promise<BackendChoice> | undefined;
function choose(forced?: BackendName, wasmThreads?: number): Promise<BackendChoice> {
  chosen ??= prepareFacts(wasmThreads)
    .then((facts) => chooseBackend(facts, backendStarter(facts), forced))
    .catch((e: Error) => {
      chosen = undefined;
      throw new UnknownBackendError(e.message);
    });
  return chosen;
}

/**
 * The set-up shared with this worker's own worker (`ssldec-setup-worker.js`, beside this bundle, with its query string
 * as the extension passes it on), started for each run's set-up; where it cannot start, all of it runs here, slower,
 * with a line in the console for whoever deploys the plugins.
 */
const setupRunner = setupRunnerOn(() => {
  const worker = new Worker(new URL(`./ssldec-setup-worker.js${new URL(import.meta.url).search}`, import.meta.url),
    { type: 'module', name: 'ssldec-setup' });
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
    onError: (listener) => worker.addEventListener('error', (event) => {
      event.preventDefault();
      listener(new Error(event.message || 'ssldec-setup-worker.js could not start'));
    }),
    close: () => worker.terminate(),
  };
}, (e) => console.warn(`SSLDEC: the set-up runs in the training worker alone: ssldec-setup-worker.js failed (${e.message})`));

const handler = createTrainingHandler(
  { trainSsldec, saveModel, loadModel, prepareFilterBank, chooseBackend: choose, setupRunner },
  (message, transfer) => scope.postMessage(message, transfer),
);

scope.addEventListener('message', (event) => {
  void handler.handle(event.data);
});
