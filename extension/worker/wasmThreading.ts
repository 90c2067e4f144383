/**
 * Whether TF.js's threaded wasm can run in the training worker, and on how many threads. TF.js 4.22's threads are
 * classic workers made from blob: URLs, each of which importScripts() another blob: (the Emscripten glue). They need
 * SharedArrayBuffer (cross-origin isolation), and a Content-Security-Policy on the training worker's script that
 * allows blob: workers and blob: scripts (`npm start` serves one: scripts/lib/securityHeaders.js). Under a policy
 * that forbids them the thread workers fail one by one and take the training worker down, so a throwaway worker
 * doing the same two steps is asked first.
 */

/** The threading wasm will get, and why it is one thread when it is. */
export interface WasmThreading {
  threads: number;
  whyOneThread?: string;
}

/**
 * TF.js 4.22's Emscripten build starts 8 thread workers with the module; a thread beyond those would be a worker
 * started while the training thread blocks waiting for it.
 */
export const MAX_WASM_THREADS = 8;

/** Resolves to a problem text, or undefined when a blob: worker could importScripts() a blob: script here. */
export type BlobScriptProbe = () => Promise<string | undefined>;

const PROBE_TIMEOUT_MS = 10_000;

/** Starts a blob: worker that importScripts() a blob: script which answers; the browser's refusal, if any, in words. */
export const probeBlobWorkerScripts: BlobScriptProbe = () =>
  new Promise((resolve) => {
    const urls: string[] = [];
    const blobUrl = (text: string) => {
      urls.push(URL.createObjectURL(new Blob([text], { type: 'text/javascript' })));
      return urls[urls.length - 1];
    };
    let worker: Worker | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (problem?: string) => {
      clearTimeout(timer);
      worker?.terminate();
      for (const url of urls) URL.revokeObjectURL(url);
      resolve(problem);
    };
    try {
      const answer = blobUrl("postMessage('ssldec-threads-ok')");
      worker = new Worker(blobUrl(`importScripts(${JSON.stringify(answer)})`));
    } catch (e) {
      finish(`a blob: worker could not start (${(e as Error).message})`);
      return;
    }
    timer = setTimeout(() => finish('a blob: worker did not answer within 10 s'), PROBE_TIMEOUT_MS);
    worker.onmessage = (event) => finish(event.data === 'ssldec-threads-ok' ? undefined : 'a blob: worker answered unexpectedly');
    worker.onerror = (event) => {
      event.preventDefault();
      finish(`a blob: worker could not load a blob: script (${event.message || 'no details'})`);
    };
  });

/** What decides the threading (a worker's `self`; parts may be missing in other browsers). */
export interface ThreadingScope {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}

/**
 * Threads for wasm: `asked` (the site's `wasmThreads`) or else the machine's logical cores
 * (navigator.hardwareConcurrency) but one, which the viewer's page keeps (it draws the progress and the images while
 * training runs), up to {@link MAX_WASM_THREADS}; or one thread with the reason when the page is not cross-origin
 * isolated, the machine has two cores or fewer (and no count is asked), one is asked, or the blob: probe fails.
 * Why one core is left: on a 2-core machine the demo study's final result came 3 s sooner on one thread than on two
 * (BENCHMARKS.md, "viewer: Train → first overlay"); a training step is small, and two threads contend with the page.
 */
export async function wasmThreading(scope: ThreadingScope, probe: BlobScriptProbe = probeBlobWorkerScripts, asked?: number): Promise<WasmThreading> {
  if (scope.crossOriginIsolated !== true) return { threads: 1, whyOneThread: 'the page is not cross-origin isolated' };
  const cores = scope.navigator?.hardwareConcurrency ?? 1;
  if (asked !== undefined && asked <= 1) return { threads: 1, whyOneThread: 'the site configuration asks for one (wasmThreads)' };
  if (asked === undefined && cores <= 1) return { threads: 1, whyOneThread: 'the browser reports one CPU core' };
  if (asked === undefined && cores === 2) return { threads: 1, whyOneThread: "the browser reports two CPU cores, and the viewer's page keeps one" };
  const problem = await probe();
  if (problem) {
    return {
      threads: 1,
      whyOneThread: `TF.js wasm threads need blob: workers and blob: scripts in the training worker, and ${problem} ` +
        '(the Content-Security-Policy served with ssldec-training-worker.js must allow blob: in script-src and worker-src)',
    };
  }
  return { threads: Math.min(asked ?? cores - 1, MAX_WASM_THREADS) };
}
