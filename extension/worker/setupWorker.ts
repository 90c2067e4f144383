/**
 * Entry of the geodesic worker bundle (`ssldec-geodesic-worker.js`, a module worker the training worker starts): it
 * computes the geodesic distances while the training worker computes the filter bank (src/ssldec/data/geodesicThread.ts).
 * It imports the engine's thread side directly, not the engine's index, so it loads no TF.js.
 */
import { answerGeodesicJobs } from '../../src/ssldec/data/geodesicThread';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

answerGeodesicJobs({
  postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
  onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
});
