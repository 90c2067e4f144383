/**
 * The set-up's second thread in Node (worker_threads; the engine's side: src/ssldec/data/setupThread.ts), for the CLI
 * and the benches to give trainSsldec. The thread runs `ssldec-setup-thread.mjs`, bundled beside the CLI's bundle
 * (scripts/build-cli.js) and the benches' (bench/run.js).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { setupRunnerOn, type JobPort, type SetupRunner } from '../ssldec';

/** The thread's bundle, beside the bundle that starts it. */
export const SETUP_THREAD_SCRIPT = 'ssldec-setup-thread.mjs';

/**
 * A runner on a thread of the SETUP_THREAD_SCRIPT beside `file` (the running bundle's `__filename`), started at its
 * first task. Undefined where there is none (the TypeScript sources run by Jest): the set-up then runs on the calling
 * thread.
 */
export function setupThreadBeside(file: string, onFailure?: (error: Error) => void): SetupRunner | undefined {
  const script = join(dirname(file), SETUP_THREAD_SCRIPT);
  return existsSync(script) ? setupThread(script, onFailure) : undefined;
}

/** A runner on threads of `script`, one per set-up (setupRunnerOn; `onFailure` as there). */
export function setupThread(script: string, onFailure?: (error: Error) => void): SetupRunner {
  return setupRunnerOn(() => workerPort(script), onFailure);
}

/** A new worker thread of `script`, as the runner's port. */
export function workerPort(script: string): JobPort {
  const worker = new Worker(script);
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => {
      worker.on('error', listener);
      worker.on('exit', (code) => listener(new Error(`the set-up thread exited (code ${code})`)));
    },
    close: () => void worker.terminate(),
  };
}
