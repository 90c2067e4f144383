/**
 * Which TF.js backend to train on, by what the machine is: WebGPU only on a hardware adapter (a software adapter
 * such as SwiftShader is 50–100× slower than wasm on the same CPU: 138–238 s against 2.5 s on the demo study), then
 * wasm (SIMD; threads when the page is cross-origin isolated), then WebGL, then the pure-JS cpu backend. A backend
 * forced by the site configuration is used as is. The reason is kept so the panel can say truthfully why.
 */
import type { BackendName } from '../../src/ssldec/types';
import type { WasmThreading } from './wasmThreading';

/** What the worker found out about the machine (all optional: a browser may expose less). */
export interface MachineFacts {
  /** The WebGPU adapter, null when `navigator.gpu` exists but gives none, undefined when there is no WebGPU at all. */
  gpuAdapter?: GpuAdapterFacts | null;
  /** `crossOriginIsolated`: SharedArrayBuffer, which wasm threads need. */
  crossOriginIsolated: boolean;
  /** The threads wasm gets here (wasmThreading.ts); the wasm start may correct it to the count actually running. */
  wasm?: WasmThreading;
}

/** The parts of GPUAdapter / GPUAdapterInfo that tell a hardware adapter from a software one. */
export interface GpuAdapterFacts {
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  description?: string;
}

/** The choice and its reason in words (shown in the panel). */
export interface BackendChoice {
  backend: BackendName;
  reason: string;
}

/**
 * Starts a backend; resolves to a problem text, or undefined when it runs. It may correct `facts.wasm` to what is
 * running: reasons are worded after the start.
 */
export type StartBackend = (name: BackendName) => Promise<string | undefined>;

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

/** Whether the adapter is a software rasteriser (WebGPU on the CPU), from `isFallbackAdapter` or its names. */
export function isSoftwareAdapter(a: GpuAdapterFacts): boolean {
  return a.isFallbackAdapter === true || [a.vendor, a.architecture, a.description].some((s) => s !== undefined && SOFTWARE_ADAPTER.test(s));
}

function adapterName(a: GpuAdapterFacts): string {
  return [a.vendor, a.architecture, a.description].filter((s) => s).join(' ') || 'unnamed adapter';
}

function wasmFlavour(facts: MachineFacts): string {
  const w = facts.wasm ?? (facts.crossOriginIsolated ? undefined : { threads: 1, whyOneThread: 'the page is not cross-origin isolated' });
  if (!w) return 'SIMD, threads';
  return w.threads > 1 ? `SIMD, ${w.threads} threads` : `SIMD, one thread: ${w.whyOneThread ?? 'one thread was asked for'}`;
}

/** The backends to try in order, each with the reason it is tried. Pure. */
export function backendPlan(facts: MachineFacts): BackendChoice[] {
  const plan: BackendChoice[] = [];
  const a = facts.gpuAdapter;
  let whyNotGpu: string;
  if (a && !isSoftwareAdapter(a)) {
    plan.push({ backend: 'webgpu', reason: `WebGPU on the hardware adapter (${adapterName(a)})` });
    whyNotGpu = 'WebGPU did not start';
  } else if (a) {
    whyNotGpu = `the only WebGPU adapter is a software one (${adapterName(a)}), slower than wasm on the same CPU`;
  } else {
    whyNotGpu = a === null ? 'the browser offers no WebGPU adapter' : 'this browser has no WebGPU';
  }
  plan.push({ backend: 'wasm', reason: `wasm (${wasmFlavour(facts)}) because ${whyNotGpu}` });
  plan.push({ backend: 'webgl', reason: `WebGL because ${whyNotGpu} and wasm did not start` });
  plan.push({ backend: 'cpu', reason: `the plain JavaScript cpu backend (slowest) because ${whyNotGpu} and neither wasm nor WebGL started` });
  return plan;
}

/**
 * Starts the first backend of the plan that runs, or exactly `forced` when the site configuration names one.
 * @throws Error listing every problem when none starts (the forced one's own problem when forced).
 */
export async function chooseBackend(facts: MachineFacts, start: StartBackend, forced?: BackendName): Promise<BackendChoice> {
  if (forced !== undefined) {
    const problem = await start(forced);
    if (problem) throw new Error(problem);
    const flavour = forced === 'wasm' ? ` (${wasmFlavour(facts)})` : '';
    return { backend: forced, reason: `${forced}${flavour}, as set in the site configuration (window.config.ssldec.backend)` };
  }
  const problems: string[] = [];
  const plan = backendPlan(facts);
  for (let i = 0; i < plan.length; i++) {
    const problem = await start(plan[i].backend);
    if (!problem) {
      const choice = backendPlan(facts)[i];
      return problems.length ? { ...choice, reason: `${choice.reason} (${problems.join('; ')})` } : choice;
    }
    problems.push(problem);
  }
  throw new Error(`No compute backend could start: ${problems.join('; ')}.`);
}
