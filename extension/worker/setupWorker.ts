/**
 * Entry of the set-up worker bundle (`ssldec-setup-worker.js`, a module worker the training worker starts): it shares
 * the set-up (the filter bank's scales, the geodesic distances' Dijkstra runs) with the training worker
 * (src/ssldec/data/setupThread.ts). It imports the engine's thread side directly, not the engine's index, so it loads
 * no TF.js.
 */
import { answerSetupTasks } from '../../src/ssldec/data/setupThread';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

answerSetupTasks({
  postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
  onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
});
