/**
 * The one way the engine swaps a TF.js backend kernel for its own (conv2dBackpropFilterVia3d.ts,
 * batchMatMulTransposeFirst.ts): once per kernel and backend, whether or not the backend registered one.
 */
import {
  getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';

const replaced = new Set<string>();

/**
 * Registers `make(original)` as `kernelName` on `backendName` (idempotent). `original` is the backend's own kernel,
 * if it has one; `make` returns undefined to leave the kernel as it is.
 */
export function replaceKernel(kernelName: string, backendName: string,
  make: (original: KernelConfig | undefined) => KernelFunc | undefined): void {
  const key = `${kernelName}/${backendName}`;
  if (replaced.has(key)) return;
  const original = getKernel(kernelName, backendName) as KernelConfig | undefined;
  const kernelFunc = make(original);
  if (!kernelFunc) return;
  if (original) unregisterKernel(kernelName, backendName);
  registerKernel({ kernelName, backendName, kernelFunc });
  replaced.add(key);
}

/** Releases intermediate results a replacement kernel made with the backend's other kernels. */
export function disposeIntermediates(backend: unknown, made: TensorInfo[]): void {
  for (const t of made) (backend as { disposeData(dataId: object): unknown }).disposeData(t.dataId);
}
