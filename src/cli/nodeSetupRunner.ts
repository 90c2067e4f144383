/**
 * The geodesic distances on a second thread in Node (worker_threads; the engine's side: src/ssldec/data/geodesicThread.ts),
 * for the CLI and the benches to give trainSsldec. The thread runs `ssldec-geodesic-thread.mjs`, bundled beside the
 * CLI's bundle (scripts/build-cli.js) and the benches' (bench/run.js).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { geodesicRunnerOn, type GeodesicRunner } from '../ssldec';

/** The thread's bundle, beside the bundle that starts it. */
export const GEODESIC_THREAD_SCRIPT = 'ssldec-geodesic-thread.mjs';

/**
 * A runner on a thread of the GEODESIC_THREAD_SCRIPT beside `file` (the running bundle's `__filename`), started at
 * its first job. Undefined where there is none (the TypeScript sources run by Jest): the distances are then computed
 * on the calling thread.
 */
export function geodesicThreadBeside(file: string, onFailure?: (error: Error) => void): GeodesicRunner | undefined {
  const script = join(dirname(file), GEODESIC_THREAD_SCRIPT);
  return existsSync(script) ? geodesicThread(script, onFailure) : undefined;
}

/** A runner on threads of `script`, one per burst of jobs (geodesicRunnerOn; `onFailure` as there). */
export function geodesicThread(script: string, onFailure?: (error: Error) => void): GeodesicRunner {
  return geodesicRunnerOn(() => {
    const worker = new Worker(script);
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => listener(new Error(`the geodesic thread exited (code ${code})`)));
      },
      close: () => void worker.terminate(),
    };
  }, onFailure);
}
