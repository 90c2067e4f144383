/**
 * Page script of the browser speed run: starts the requested backend through the engine and runs the same
 * measurement as Node. The driver (chromiumSpeed.ts) calls `window.runSpeed(request)`. WebGPU and WebGL run in the
 * page; wasm runs in a module worker (wasmWorkerEntry.ts), as in the viewer.
 */
import { initBackend } from '../../src/ssldec';
import { measureSpeed, type SpeedRequest, type SpeedResult } from './measureSpeed';
import type { WasmWorkerReply, WasmWorkerRequest } from './wasmWorkerEntry';

/** A browser request: wasm also says how many threads ('auto': what the training worker would pick). */
export type BrowserSpeedRequest = SpeedRequest & { wasmThreads?: number | 'auto' };

function inWasmWorker(message: WasmWorkerRequest): Promise<SpeedResult & { wasmThreads: number; wasmThreadsNote?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/bench-worker.js', { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = ({ data }: MessageEvent<WasmWorkerReply>) => {
      done();
      if ('error' in data) reject(new Error(data.error));
      else resolve(data.result);
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(`the wasm bench worker failed: ${e.message}`));
    };
    worker.postMessage(message);
  });
}

interface PerformanceWithMemory extends Performance {
  memory?: { usedJSHeapSize: number };
}

declare global {
  interface Window {
    runSpeed(request: BrowserSpeedRequest): Promise<SpeedResult & { peakJsHeapMiB?: number; adapter?: string; wasmThreads?: number; wasmThreadsNote?: string }>;
  }
}

window.runSpeed = async (request) => {
  if (request.backend === 'wasm') return inWasmWorker({ request, threads: request.wasmThreads ?? 'auto' });
  const active = await initBackend(request.backend);
  if (active !== request.backend) throw new Error(`Asked for ${request.backend}, engine started ${active}`);
  let adapter: string | undefined;
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string; vendor?: string }; isFallbackAdapter?: boolean } | null> } }).gpu;
  if (request.backend === 'webgpu' && gpu) {
    const a = await gpu.requestAdapter();
    adapter = a ? `${a.info?.vendor ?? '?'} ${a.info?.architecture ?? '?'}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
  }
  let peakHeap = 0;
  const memory = (performance as PerformanceWithMemory).memory;
  const result = await measureSpeed(request, () => {
    if (memory) peakHeap = Math.max(peakHeap, memory.usedJSHeapSize);
  });
  return { ...result, peakJsHeapMiB: memory ? Math.round((peakHeap / 2 ** 20) * 10) / 10 : undefined, adapter };
};
document.title = 'ssldec speed bench ready';
