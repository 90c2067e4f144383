/**
 * Backend choice by what the machine is: a software WebGPU adapter (SwiftShader) is never chosen, wasm comes before
 * WebGL and cpu, a forced backend is used as is, and the reason given names what was found.
 */
import { backendPlan, chooseBackend, isSoftwareAdapter, type MachineFacts } from '../../../../extension/worker/chooseBackend';
import { machineFacts } from '../../../../extension/worker/machineFacts';
import type { BackendName } from '../../../../src/ssldec/types';

/** A start function where only `working` backends start; records what was tried. */
function starter(working: BackendName[]) {
  const tried: BackendName[] = [];
  const start = async (name: BackendName) => {
    tried.push(name);
    return working.includes(name) ? undefined : `${name} failed to initialise`;
  };
  return { tried, start };
}

const SWIFTSHADER = { isFallbackAdapter: true, vendor: 'google', architecture: 'swiftshader', description: '' };
const NVIDIA = { isFallbackAdapter: false, vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' };

describe('chooseBackend', () => {
  it('takes WebGPU on a hardware adapter', async () => {
    const { tried, start } = starter(['webgpu', 'wasm', 'webgl', 'cpu']);
    const choice = await chooseBackend({ gpuAdapter: NVIDIA, crossOriginIsolated: false }, start);
    expect(choice.backend).toBe('webgpu');
    expect(choice.reason).toContain('NVIDIA GeForce RTX 3060');
    expect(tried).toEqual(['webgpu']);
  });

  it('skips a software adapter (SwiftShader) for wasm, and says why and whether threads are on', async () => {
    const { tried, start } = starter(['webgpu', 'wasm', 'webgl', 'cpu']);
    const choice = await chooseBackend({ gpuAdapter: SWIFTSHADER, crossOriginIsolated: false }, start);
    expect(choice.backend).toBe('wasm');
    expect(tried).toEqual(['wasm']);
    expect(choice.reason).toMatch(/software one .*swiftshader/);
    expect(choice.reason).toContain('one thread: the page is not cross-origin isolated');
    const isolated = await chooseBackend({ gpuAdapter: SWIFTSHADER, crossOriginIsolated: true, wasm: { threads: 4 } }, starter(['wasm']).start);
    expect(isolated.reason).toContain('wasm (SIMD, 4 threads) because');
    // One thread, with the worker's reason (wasmThreading.ts), e.g. a CSP that refuses blob: workers.
    const noThreads = await chooseBackend(
      { gpuAdapter: SWIFTSHADER, crossOriginIsolated: true, wasm: { threads: 1, whyOneThread: 'a blob: worker could not start' } }, starter(['wasm']).start,
    );
    expect(noThreads.reason).toContain('wasm (SIMD, one thread: a blob: worker could not start)');
  });

  it('words the reason after the start, so a start that corrects the thread count is reported truthfully', async () => {
    const facts: MachineFacts = { gpuAdapter: undefined, crossOriginIsolated: true, wasm: { threads: 8 } };
    const start = async (name: BackendName) => {
      if (name === 'wasm') facts.wasm = { threads: 2, whyOneThread: 'TF.js started 2 of the 8 threads asked for' };
      return undefined;
    };
    expect((await chooseBackend(facts, start)).reason).toContain('wasm (SIMD, 2 threads)');
    const forced = await chooseBackend({ crossOriginIsolated: true, wasm: { threads: 8 } }, async () => {
      return undefined;
    }, 'wasm');
    expect(forced.reason).toMatch(/^wasm \(SIMD, 8 threads\), as set in the site configuration/);
  });

  it('recognises software adapters by name when isFallbackAdapter is not reported', () => {
    expect(isSoftwareAdapter({ architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp' })).toBe(false);
  });

  it('without WebGPU goes wasm → webgl → cpu, keeping the problems of the ones that failed', async () => {
    expect(backendPlan({ crossOriginIsolated: false }).map((c) => c.backend)).toEqual(['wasm', 'webgl', 'cpu']);
    const { tried, start } = starter(['cpu']);
    const choice = await chooseBackend({ gpuAdapter: undefined, crossOriginIsolated: false }, start);
    expect(tried).toEqual(['wasm', 'webgl', 'cpu']);
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toContain('this browser has no WebGPU');
    expect(choice.reason).toContain('wasm failed to initialise; webgl failed to initialise');
  });

  it('falls back from a hardware WebGPU that does not start to wasm', async () => {
    const { tried, start } = starter(['wasm']);
    const choice = await chooseBackend({ gpuAdapter: NVIDIA, crossOriginIsolated: false }, start);
    expect(tried).toEqual(['webgpu', 'wasm']);
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toContain('webgpu failed to initialise');
  });

  it('uses a forced backend as is (even WebGPU on SwiftShader), says it was configured, and fails with its problem', async () => {
    const forced = await chooseBackend({ gpuAdapter: SWIFTSHADER, crossOriginIsolated: false }, starter(['webgpu']).start, 'webgpu');
    expect(forced).toEqual({ backend: 'webgpu', reason: expect.stringContaining('site configuration') });
    expect(forced.reason).not.toMatch(/not available/);
    await expect(chooseBackend({ crossOriginIsolated: false }, starter([]).start, 'wasm')).rejects.toThrow('wasm failed to initialise');
  });

  it('throws listing every problem when nothing starts', async () => {
    await expect(chooseBackend({ crossOriginIsolated: false }, starter([]).start)).rejects.toThrow(/No compute backend.*wasm.*webgl.*cpu/);
  });
});

describe('machineFacts', () => {
  it('reads isFallbackAdapter from adapter.info (newer Chromium) or the adapter, and crossOriginIsolated', async () => {
    const gpu = (adapter: unknown) => ({ navigator: { gpu: { requestAdapter: async () => adapter } }, crossOriginIsolated: true });
    expect(await machineFacts(gpu({ info: { isFallbackAdapter: true, architecture: 'swiftshader' } })))
      .toEqual({ gpuAdapter: { isFallbackAdapter: true, architecture: 'swiftshader', vendor: undefined, description: undefined }, crossOriginIsolated: true });
    expect((await machineFacts(gpu({ isFallbackAdapter: true, info: {} }))).gpuAdapter?.isFallbackAdapter).toBe(true);
    expect((await machineFacts(gpu(null))).gpuAdapter).toBeNull();
    expect(await machineFacts({})).toEqual({ gpuAdapter: undefined, crossOriginIsolated: false });
  });
});
