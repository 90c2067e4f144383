/**
 * What the training worker can learn about the machine before choosing a backend (see chooseBackend.ts): the WebGPU
 * adapter's own account of itself, and whether the page is cross-origin isolated (wasm threads need it).
 */
import type { GpuAdapterFacts, MachineFacts } from './chooseBackend';

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: GpuAdapterFacts;
}

/** Asks `navigator.gpu` for an adapter (undefined: no WebGPU; null: no adapter) and reads `crossOriginIsolated`. */
export async function machineFacts(scope: unknown = globalThis): Promise<MachineFacts> {
  const g = scope as { navigator?: { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }; crossOriginIsolated?: boolean };
  let gpuAdapter: GpuAdapterFacts | null | undefined;
  if (g.navigator?.gpu) {
    try {
      const adapter = await g.navigator.gpu.requestAdapter();
      // Chromium moved isFallbackAdapter from the adapter to adapter.info; read both.
      gpuAdapter = adapter
        ? {
            isFallbackAdapter: adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter,
            vendor: adapter.info?.vendor, architecture: adapter.info?.architecture, description: adapter.info?.description,
          }
        : null;
    } catch {
      gpuAdapter = null;
    }
  }
  return { gpuAdapter, crossOriginIsolated: g.crossOriginIsolated === true };
}
