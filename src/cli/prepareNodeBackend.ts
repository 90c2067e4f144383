import { dirname, join } from 'node:path';
import type { BackendName } from '../ssldec';

/**
 * Node set-up a TF.js backend needs before the engine's initBackend can start it:
 * - wasm: the path of its .wasm files (a bundle cannot find them next to itself);
 * - webgpu: a Dawn device from the `webgpu` npm package as `navigator.gpu` (needs a Vulkan driver; on a machine
 *   without GPU, SwiftShader via VK_ICD_FILENAMES set before the process starts).
 * cpu needs nothing; webgl has no Node implementation (the engine then reports it unavailable).
 */
export async function prepareNodeBackend(name: BackendName | undefined): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  } else if (name === 'webgpu') {
    const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
    if (g.navigator?.gpu) return;
    const webgpu = (await import('webgpu')) as unknown as { create: (flags: string[]) => unknown; globals: object };
    // Node 20 has no navigator and newer ones a read-only one: define the property rather than assign it.
    Object.defineProperty(globalThis, 'navigator', { value: { ...(g.navigator ?? {}), gpu: webgpu.create([]) }, configurable: true });
    Object.assign(globalThis, webgpu.globals);
  }
}
