/**
 * Chooses and starts a TensorFlow.js backend. Explicit name: that backend or an UnknownBackendError. No name:
 * webgpu, then webgl, then cpu (wasm only on request: its 3D input gradient is wrong and its 2D filter gradient is
 * missing in 4.22.0, which conv2dBackpropFilterVia3d.ts supplies). Always checks tf.getBackend() afterwards, because
 * TF.js silently falls back to another backend when one fails to start.
 */
import { tf } from './tf';
import { registerBatchMatMulTransposeFirst } from './batchMatMulTransposeFirst';
import { registerConv2dFilterGradIm2col } from './conv2dBackpropFilterIm2col';
import { UnknownBackendError } from '../errors';
import { BACKEND_NAMES, type BackendName } from '../types';

export { BACKEND_NAMES };
const DEFAULT_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** Imports the backend's module (registers its factory). Lazy so Node cpu runs never load GPU code. */
async function importBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
}

function hasPlatformSupport(name: BackendName): boolean {
  const g = globalThis as { navigator?: { gpu?: unknown }; OffscreenCanvas?: unknown; document?: unknown };
  if (name === 'webgpu') return g.navigator?.gpu !== undefined;
  if (name === 'webgl') return g.OffscreenCanvas !== undefined || g.document !== undefined;
  return true;
}

async function trySetBackend(name: BackendName): Promise<string | undefined> {
  if (!hasPlatformSupport(name)) return `${name} is not available on this platform`;
  try {
    await importBackend(name);
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) return `${name} failed to initialise (TF.js is on '${tf.getBackend()}')`;
    if (name === 'wasm') {
      registerConv2dFilterGradIm2col('wasm');
      registerBatchMatMulTransposeFirst('wasm');
    }
    return undefined;
  } catch (e) {
    return `${name} failed to initialise: ${(e as Error).message}`;
  }
}

/**
 * Starts a backend and returns the one actually in use.
 * @param name explicit backend; omitted: first that works of webgpu -> webgl -> cpu.
 * @throws UnknownBackendError for a name not in {@link BACKEND_NAMES} or an explicit backend that fails to start.
 */
export async function initBackend(name?: BackendName): Promise<BackendName> {
  if (name !== undefined) {
    if (!BACKEND_NAMES.includes(name)) {
      throw new UnknownBackendError(`Unknown backend '${String(name)}': expected one of ${BACKEND_NAMES.join(', ')}. ` +
        `Omit the backend to pick the fastest available.`);
    }
    if (tf.getBackend() === name) return name;
    const problem = await trySetBackend(name);
    if (problem) throw new UnknownBackendError(`Backend '${name}' requested but ${problem}. Choose 'cpu' or omit it.`);
    return name;
  }
  const problems: string[] = [];
  for (const candidate of DEFAULT_ORDER) {
    if (tf.getBackend() === candidate) return candidate;
    const problem = await trySetBackend(candidate);
    if (!problem) return candidate;
    problems.push(problem);
  }
  throw new UnknownBackendError(`No backend could start: ${problems.join('; ')}.`);
}
