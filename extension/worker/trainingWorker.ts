/**
 * Entry of the training worker bundle (`ssldec-training-worker.js`, a module worker). All TF.js work runs here so
 * the viewer's main thread never blocks; see createTrainingHandler.ts for the logic and messages.ts for the protocol.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { trainSsldec, saveModel, loadModel, initBackend, UnknownBackendError } from '../../src/ssldec';
import { tf } from '../../src/ssldec/backend/tf';
import type { BackendName } from '../../src/ssldec/types';
import { createTrainingHandler } from './createTrainingHandler';
import { chooseBackend, type BackendChoice } from './chooseBackend';
import { machineFacts } from './machineFacts';
import type { WorkerRequest } from './messages';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

// The .wasm binaries are shipped beside this bundle (.webpack/wasmBinaries.js); without this TF.js fetches them
// from the site root and gets the viewer's HTML page.
setWasmPaths(new URL('./', import.meta.url).href);
// Under cross-origin isolation TF.js picks its threaded wasm build, whose thread workers call importScripts() on a
// blob: URL; from our module worker that fails and takes the worker down (seen in Chromium 156). One thread, SIMD.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function startBackend(name: BackendName): Promise<string | undefined> {
  try {
    await initBackend(name);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

// One choice per worker (TF.js keeps the backend it started); a forced backend is the site's, so no probing.
let chosen: Promise<BackendChoice> | undefined;
function choose(forced?: BackendName): Promise<BackendChoice> {
  chosen ??= machineFacts()
    .then((facts) => chooseBackend({ ...facts, wasmThreads: false }, startBackend, forced))
    .catch((e: Error) => {
      chosen = undefined;
      throw new UnknownBackendError(e.message);
    });
  return chosen;
}

const handler = createTrainingHandler(
  { trainSsldec, saveModel, loadModel, chooseBackend: choose },
  (message, transfer) => scope.postMessage(message, transfer),
);

scope.addEventListener('message', (event) => {
  void handler.handle(event.data);
});
