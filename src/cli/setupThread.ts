/**
 * Entry of `ssldec-geodesic-thread.mjs`, the worker_threads thread that computes the geodesic distances while the main
 * thread computes the filter bank (nodeGeodesicRunner.ts). It imports the engine's thread side directly, not the
 * engine's index, so the thread loads no TF.js.
 */
import { parentPort } from 'node:worker_threads';
import { answerGeodesicJobs } from '../ssldec/data/geodesicThread';

const port = parentPort;
if (!port) throw new Error('ssldec-geodesic-thread.mjs runs as a worker thread (nodeGeodesicRunner.ts), not on its own');
answerGeodesicJobs({ postMessage: (message, transfer) => port.postMessage(message, transfer), onMessage: (listener) => port.on('message', listener) });
