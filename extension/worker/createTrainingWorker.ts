import type { WorkerLike } from './WorkerClient';

/**
 * Starts the training worker. Contract with the build (webpack.config.js, engineer C): the worker bundle
 * `ssldec-training-worker.js` is served beside `ssldec-extension.js` under /plugins/, and this
 * `new Worker(new URL(...), { type: 'module' })` form is what webpack recognises and keeps working.
 * `url` overrides the location (window.config.ssldec.workerUrl).
 */
export function createTrainingWorker(url?: string): WorkerLike {
  const worker = url
    ? new Worker(url, { type: 'module', name: 'ssldec-training' })
    : // same version query as the extension bundle (…/ssldec-extension.js?v=<hash>), so the service worker cache never pairs versions wrongly
      new Worker(new URL(`./ssldec-training-worker.js${new URL(import.meta.url).search}`, import.meta.url), { type: 'module', name: 'ssldec-training' });
  return worker as unknown as WorkerLike;
}
