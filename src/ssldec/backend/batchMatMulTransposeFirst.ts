/**
 * BatchMatMul with a transposed operand, computed as a Transpose of that operand and then a plain BatchMatMul.
 * On wasm (TF.js 4.22.0) BatchMatMul with transposeA or transposeB is 6–12× slower than without it for the shapes of
 * a pointwise layer's backward pass (8192 × 32 operands: dX = dy·Wᵀ, dW = hᵀ·dy), and those two products were three
 * quarters of a training step; the transpose costs a copy. Same products, another summation order (rounding only).
 * Registered for wasm only (backend/initBackend.ts); the cpu backend stays the numerical reference.
 */
import { getKernel, type BatchMatMulAttrs, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { disposeIntermediates, replaceKernel } from './replaceKernel';

/** Registers the rerouted kernel for `backendName` (idempotent; nothing to do where BatchMatMul is missing). */
export function registerBatchMatMulTransposeFirst(backendName: string): void {
  const transpose = getKernel('Transpose', backendName)?.kernelFunc;
  replaceKernel('BatchMatMul', backendName, (original) => {
    if (!original || !transpose) return undefined;
    return (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const attrs = args.attrs as unknown as BatchMatMulAttrs;
      if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
      // The last two axes swapped, batch axes kept.
      const swapped = (t: TensorInfo) => {
        const perm = t.shape.map((_, i) => (i < t.shape.length - 2 ? i : 2 * t.shape.length - 3 - i));
        return transpose({ inputs: { x: t }, backend: args.backend, attrs: { perm } }) as TensorInfo;
      };
      const aa = attrs.transposeA ? swapped(a) : a;
      const bb = attrs.transposeB ? swapped(b) : b;
      try {
        const plain = { ...attrs, transposeA: false, transposeB: false } as unknown as NamedAttrMap;
        return original.kernelFunc({ ...args, inputs: { a: aa, b: bb }, attrs: plain });
      } finally {
        disposeIntermediates(args.backend, [aa, bb].filter((t) => t !== a && t !== b));
      }
    };
  });
}
