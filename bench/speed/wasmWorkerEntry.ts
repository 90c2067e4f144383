/**
 * Module worker of the browser speed run for wasm: wasm runs in a worker in the viewer (the training worker), and
 * its threads are blob: workers that block on each other, so it is measured the same way. One request per worker
 * (TF.js starts wasm once). `threads`: 'auto' = what the training worker picks on this machine
 * (extension/worker/wasmThreading.ts), a number = that many, 1 = the single-thread SIMD build.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { startWasm } from '../../src/ssldec/backend/wasmThreads';
import { wasmThreading } from '../../extension/worker/wasmThreading';
import { measureSpeed, type SpeedRequest, type SpeedResult } from './measureSpeed';

export interface WasmWorkerRequest {
  request: SpeedRequest;
  threads: number | 'auto';
}

export type WasmWorkerReply = { result: SpeedResult & { wasmThreads: number; wasmThreadsNote?: string } } | { error: string };

const scope = self as unknown as { postMessage(m: WasmWorkerReply): void; onmessage: ((e: MessageEvent<WasmWorkerRequest>) => void) | null };

setWasmPaths(new URL('/wasm/', self.location.href).href);

scope.onmessage = async ({ data }) => {
  try {
    const plan = data.threads === 'auto' ? await wasmThreading(self) : { threads: data.threads };
    const running = await startWasm(plan.threads);
    const result = await measureSpeed(data.request, () => undefined);
    const note = 'whyOneThread' in plan ? plan.whyOneThread : undefined;
    scope.postMessage({ result: { ...result, wasmThreads: running, wasmThreadsNote: note } });
  } catch (e) {
    scope.postMessage({ error: (e as Error).message ?? String(e) });
  }
};
