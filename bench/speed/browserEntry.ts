/**
 * Page script of the browser speed run: starts the requested backend through the engine and runs the same
 * measurement as Node. The driver (chromiumSpeed.ts) calls `window.runSpeed(request)`.
 */
import { initBackend } from '../../src/ssldec';
import { measureSpeed, type SpeedRequest, type SpeedResult } from './measureSpeed';

interface PerformanceWithMemory extends Performance {
  memory?: { usedJSHeapSize: number };
}

declare global {
  interface Window {
    runSpeed(request: SpeedRequest): Promise<SpeedResult & { peakJsHeapMiB?: number; adapter?: string }>;
  }
}

window.runSpeed = async (request) => {
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
