/**
 * Child process of webgpuParity.test.ts: trains the production model (tiny preset) for a few steps on cpu, then on
 * webgpu (Dawn over SwiftShader, via the `webgpu` npm package), from the same seed, and prints the per-step losses
 * as one JSON line. navigator.gpu must exist before the webgpu backend is imported, and Dawn needs
 * VK_ICD_FILENAMES/LD_LIBRARY_PATH set before this process starts (the parent does both).
 */
import { create, globals } from 'webgpu';
import { trainSsldec, type BackendName } from '../../../../src/ssldec';
import { makePhantom } from '../helpers/phantom';

Object.assign(globalThis, globals);
(globalThis as unknown as { navigator: { gpu: unknown } }).navigator = { gpu: create([]) };

async function lossesOn(backend: BackendName): Promise<{ backend: string; losses: number[] }> {
  const phantom = makePhantom([16, 16, 4], [1, 2]);
  const r = await trainSsldec(phantom.volume, phantom.scribbles, {
    backend, preset: 'tiny', seed: 9, supervisedSteps: 3, maxRounds: 1, roundSteps: 2, patchSize: 16,
  });
  r.model.dispose();
  return { backend: r.backend, losses: r.history.filter((h) => h.loss !== undefined).map((h) => h.loss!) };
}

async function main(): Promise<void> {
  const cpu = await lossesOn('cpu');
  const webgpu = await lossesOn('webgpu');
  process.stdout.write(`PARITY ${JSON.stringify({ cpu, webgpu })}\n`);
  process.exit(0); // Dawn keeps the event loop alive
}

main().catch((e: Error) => {
  process.stdout.write(`PARITY ${JSON.stringify({ error: `${e.name}: ${e.message}` })}\n`);
  process.exit(1);
});
