/**
 * Starts TF.js's wasm backend on a given number of threads, in a browser worker (the training worker, the speed
 * bench). Not exported from the engine's index: Node runs never load wasm's browser threading.
 *
 * - threads > 1: the threaded SIMD build with `setThreadsCount(threads)`. TF.js 4.22 caps its pool at half of
 *   navigator.hardwareConcurrency (it assumes two hardware threads per core), read once while the module starts, so
 *   on a 2-core machine setThreadsCount(2) still ran one thread; the worker's navigator reports 2 × threads for
 *   that moment only, so the count asked for is the count that runs. The caller checks that blob: workers can
 *   start here (extension/worker/wasmThreading.ts): the thread workers are made from blob: URLs.
 * - threads = 1: the single-thread SIMD build (no thread workers at all).
 */
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { tf } from './tf';
import { initBackend } from './initBackend';

async function withCoresSeen<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (!nav) return start();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await start();
  } finally {
    // The own property shadows WorkerNavigator's getter; removing it shows the real value again.
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/**
 * Starts wasm on `threads` threads (call before any other wasm start in this worker: TF.js starts wasm once).
 * @returns the number of threads XNNPACK actually runs (1 for the single-thread build)
 * @throws UnknownBackendError when wasm does not start
 */
export async function startWasm(threads: number): Promise<number> {
  if (threads > 1) {
    setThreadsCount(threads);
    await withCoresSeen(2 * threads, () => initBackend('wasm'));
  } else {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await initBackend('wasm');
  }
  return threads > 1 ? getThreadsCount() : 1;
}
