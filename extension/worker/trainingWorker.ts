/**
 * Entry of the training worker bundle (`ssldec-training-worker.js`, a module worker). All TF.js work runs here so
 * the viewer's main thread never blocks; see createTrainingHandler.ts for the logic and messages.ts for the protocol.
 */
import { trainSsldec, saveModel, loadModel } from '../../src/ssldec';
import { createTrainingHandler } from './createTrainingHandler';
import type { WorkerRequest } from './messages';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

const handler = createTrainingHandler({ trainSsldec, saveModel, loadModel }, (message, transfer) => scope.postMessage(message, transfer));

scope.addEventListener('message', (event) => {
  void handler.handle(event.data);
});
