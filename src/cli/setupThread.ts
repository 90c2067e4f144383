/**
 * Entry of `ssldec-setup-thread.mjs`, the worker_threads thread that shares the set-up (the filter bank's scales, the
 * geodesic distances' Dijkstra runs) with the main thread (nodeSetupRunner.ts). It imports the engine's thread side
 * directly, not the engine's index, so the thread loads no TF.js.
 */
import { parentPort } from 'node:worker_threads';
import { answerSetupTasks } from '../ssldec/data/setupThread';

const port = parentPort;
if (!port) throw new Error('ssldec-setup-thread.mjs runs as a worker thread (nodeSetupRunner.ts), not on its own');
answerSetupTasks({ postMessage: (message, transfer) => port.postMessage(message, transfer), onMessage: (listener) => port.on('message', listener) });
