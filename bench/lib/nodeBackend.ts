/**
 * Starts a TF.js backend in Node for a bench, through the engine's initBackend, after the platform set-up Node
 * needs: webgpu gets a Dawn device from the `webgpu` npm package (SwiftShader; bench/run.js sets the Vulkan env
 * before the process starts), wasm gets the path of its .wasm files (a bundle cannot find them next to itself).
 * Throws when TF.js ends up on another backend than the one asked for.
 */
import { join } from 'node:path';
import { initBackend, type BackendName } from '../../src/ssldec';
import { repoRoot } from './repoRoot';

/** Thrown when the requested backend cannot start here. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** Prepare the platform for `name`, start it, and return what TF.js reports it is on. */
export async function startNodeBackend(name: BackendName): Promise<BackendName> {
  if (name === 'webgpu') {
    const webgpu = (await import('webgpu')) as { create: (flags: string[]) => unknown; globals: object };
    const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
    if (!g.navigator?.gpu) {
      // Node 20 has no navigator; newer Nodes have a read-only one, so define the property rather than assign.
      Object.defineProperty(globalThis, 'navigator', { value: { ...(g.navigator ?? {}), gpu: webgpu.create([]) }, configurable: true });
      Object.assign(globalThis, webgpu.globals);
    }
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(join(repoRoot(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  } else if (name === 'webgl') {
    throw new BackendUnavailableError('webgl has no Node implementation here; it runs in headless Chromium (bench:speed)');
  }
  const active = await initBackend(name);
  const { getBackend } = await import('@tensorflow/tfjs-core');
  if (active !== name || getBackend() !== name) {
    throw new BackendUnavailableError(`Asked for backend '${name}' but TF.js is on '${getBackend()}'`);
  }
  return active;
}
