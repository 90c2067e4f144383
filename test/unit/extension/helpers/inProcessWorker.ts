import { MessageChannel } from 'node:worker_threads';
import * as engine from '../../../../src/ssldec';
import { createTrainingHandler } from '../../../../extension/worker/createTrainingHandler';
import type { WorkerLike } from '../../../../extension/worker/WorkerClient';
import type { WorkerRequest } from '../../../../extension/worker/messages';

/**
 * A WorkerLike whose other end runs the real training handler (real engine) in this process, across a real
 * MessageChannel: structured clone and buffer transfer behave as with a browser worker.
 */
export function inProcessWorker(engineImpl: Parameters<typeof createTrainingHandler>[0] = engine): { worker: WorkerLike } {
  const { port1, port2 } = new MessageChannel();
  const handler = createTrainingHandler(engineImpl, (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (data: WorkerRequest) => void handler.handle(data));
  const worker: WorkerLike = {
    postMessage: (message, transfer) => port1.postMessage(message, transfer as ArrayBuffer[]),
    addEventListener: ((type: string, listener: (e: { data: unknown }) => void) => {
      if (type === 'message') port1.on('message', (data) => listener({ data }));
    }) as WorkerLike['addEventListener'],
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
  return { worker };
}
