import { BACKEND_NAMES, PRESET_NAMES, type BackendName, type PresetName } from '../../src/ssldec/types';

/**
 * Site / test configuration of the panel, read from `window.config.ssldec` (app-config.js). Every field optional.
 */
export interface SsldecConfig {
  /** Engine size preset: 'tiny' for tests, 'cpu' for machines without a GPU; default: the engine's choice. */
  preset?: PresetName;
  /** Force a backend; default: by what the machine is (worker/chooseBackend.ts: WebGPU on a hardware adapter, else wasm, WebGL, cpu). */
  backend?: BackendName;
  /** Cap on SSLDEC rounds (1 in tests). */
  maxRounds?: number;
  seed?: number;
  /** Largest volume (voxels) trained at full resolution; larger ones are refused with a lower-resolution offer. */
  maxVoxels?: number;
  /** Threads for TF.js's wasm (at most 8); default: the logical cores but one, one on two cores (worker/wasmThreading.ts). */
  wasmThreads?: number;
  /** Worker script URL; default: ssldec-training-worker.js beside the extension bundle. */
  workerUrl?: string;
  /** Days a kept session (scribbles, prediction) stays in this browser after its last change; default 30. */
  sessionMaxAgeDays?: number;
}

/** Default voxel cap: 256×256×256 (16.8 M voxels; the volume alone is 64 MiB of float32). */
const DEFAULT_MAX_VOXELS = 256 * 256 * 256;

/** The site's voxel cap, or the default. */
export function maxVoxelsOf(config: SsldecConfig): number {
  return config.maxVoxels ?? DEFAULT_MAX_VOXELS;
}

/**
 * The in-plane factor a series of `voxels` is trained at within the cap: 1 when it fits, else the smallest that
 * brings it under (what "Train at lower resolution" offers).
 */
export function lowerResolutionFactor(voxels: number, config: SsldecConfig): number {
  const maxVoxels = maxVoxelsOf(config);
  return voxels > maxVoxels ? Math.ceil(Math.sqrt(voxels / maxVoxels)) : 1;
}

function isOneOf<T extends string>(names: readonly T[], value: unknown): value is T {
  return (names as readonly unknown[]).includes(value);
}

/** Reads and checks `window.config.ssldec`; unknown values are dropped with a console warning (never thrown). */
export function readSsldecConfig(raw: unknown): SsldecConfig {
  if (raw === undefined || raw === null || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: SsldecConfig = {};
  const warn = (key: string, expected: string) =>
    console.warn(`window.config.ssldec.${key} = ${JSON.stringify(r[key])} ignored: expected ${expected}.`);
  if (r.preset !== undefined) isOneOf(PRESET_NAMES, r.preset) ? (out.preset = r.preset) : warn('preset', PRESET_NAMES.join(' | '));
  if (r.backend !== undefined) isOneOf(BACKEND_NAMES, r.backend) ? (out.backend = r.backend) : warn('backend', BACKEND_NAMES.join(' | '));
  for (const key of ['maxRounds', 'seed', 'maxVoxels'] as const) {
    if (r[key] === undefined) continue;
    const v = Number(r[key]);
    if (Number.isInteger(v) && v >= 0) out[key] = v;
    else warn(key, 'a non-negative integer');
  }
  if (r.wasmThreads !== undefined) {
    const threads = Number(r.wasmThreads);
    if (Number.isInteger(threads) && threads >= 1) out.wasmThreads = threads;
    else warn('wasmThreads', 'a positive integer');
  }
  if (typeof r.workerUrl === 'string') out.workerUrl = r.workerUrl;
  if (r.sessionMaxAgeDays !== undefined) {
    const days = Number(r.sessionMaxAgeDays);
    if (Number.isFinite(days) && days > 0) out.sessionMaxAgeDays = days;
    else warn('sessionMaxAgeDays', 'a positive number of days');
  }
  return out;
}
