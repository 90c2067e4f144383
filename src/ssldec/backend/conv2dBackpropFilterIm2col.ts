/**
 * Conv2DBackpropFilter as one matrix product: the input's taps gathered in JS into a [taps·C, P] matrix (im2col; zero
 * where a tap falls outside the image, as 'same' padding reads), then dW = cols·dy with the backend's BatchMatMul
 * (P = output pixels of the batch). On wasm the Conv3DBackpropFilterV2 route (conv2dBackpropFilterVia3d.ts) was ~95 %
 * of a 3×3 layer's training step (forward 3.7 ms, forward + filter gradient 50 ms on an 8 × 32 × 32 × 14 batch into
 * 32 filters). Same sums in another order (rounding only). NHWC, dilation 1, 'same'/'valid', any stride, and a gathered
 * matrix of at most MAX_GATHERED values; anything else takes the Conv3DBackpropFilterV2 route. Registered for wasm only
 * (initBackend.ts): the cpu backend keeps its bit-identical route as the numerical reference.
 */
import { backend_util, getKernel, type Conv2DBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { conv2dFilterGradVia3d } from './conv2dBackpropFilterVia3d';
import { disposeIntermediates, replaceKernel } from './replaceKernel';

/** Largest gathered matrix (values; 256 MiB of float32): a training batch of the default model needs ~1 Mi. */
const MAX_GATHERED = 64 * 1024 * 1024;

/** What this kernel needs of a backend besides its kernels. */
interface ReadWriteBackend {
  readSync(dataId: object): ArrayLike<number>;
  write(values: Float32Array, shape: number[], dtype: 'float32'): object;
}

/**
 * cols[(tap·C + ch)·P + p] = x at output pixel p (times the strides) shifted by the tap, channel ch; 0 outside the
 * image. `top`/`left`: rows/columns of padding before the image (TF's split: the smaller half first).
 */
export function gatherTaps(xs: ArrayLike<number>, [n, h, w, c]: number[], [ho, wo]: number[], [fh, fw]: number[],
  [sy, sx]: [number, number], top: number, left: number): Float32Array {
  const p = n * ho * wo;
  const cols = new Float32Array(fh * fw * c * p);
  for (let ky = 0; ky < fh; ky++) {
    for (let kx = 0; kx < fw; kx++) {
      const tapRow = (ky * fw + kx) * c;
      for (let b = 0; b < n; b++) {
        for (let yo = 0; yo < ho; yo++) {
          const yi = yo * sy + ky - top;
          if (yi < 0 || yi >= h) continue;
          for (let xo = 0; xo < wo; xo++) {
            const xi = xo * sx + kx - left;
            if (xi < 0 || xi >= w) continue;
            const col = (b * ho + yo) * wo + xo;
            const src = ((b * h + yi) * w + xi) * c;
            for (let ch = 0; ch < c; ch++) cols[(tapRow + ch) * p + col] = xs[src + ch];
          }
        }
      }
    }
  }
  return cols;
}

/** Registers the kernel for `backendName` (idempotent). Call after the backend module is imported. */
export function registerConv2dFilterGradIm2col(backendName: string): void {
  replaceKernel('Conv2DBackpropFilter', backendName, (original) => (args) => {
    const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };
    const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
    if (attrs.dataFormat !== 'NHWC' || (attrs.pad !== 'same' && attrs.pad !== 'valid')) return conv2dFilterGradVia3d(args, backendName, original);
    // TF's own geometry of the forward convolution: output size, strides, dilations and the padding split.
    const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides,
      attrs.dilations ?? 1, attrs.pad);
    const [n, , , c] = x.shape;
    const { outHeight: ho, outWidth: wo, outChannels: f, filterHeight: fh, filterWidth: fw } = info;
    const taps = fh * fw * c;
    const p = n * ho * wo;
    if (info.dilationHeight !== 1 || info.dilationWidth !== 1 || taps * p > MAX_GATHERED) return conv2dFilterGradVia3d(args, backendName, original);
    const backend = args.backend as unknown as ReadWriteBackend;
    const values = gatherTaps(backend.readSync(x.dataId), x.shape, [ho, wo], [fh, fw], [info.strideHeight, info.strideWidth],
      info.padInfo.top, info.padInfo.left);
    const colsShape = [1, taps, p];
    const cols: TensorInfo = { dataId: backend.write(values, colsShape, 'float32'), shape: colsShape, dtype: 'float32' };
    const reshape = getKernel('Reshape', backendName).kernelFunc;
    const matMul = getKernel('BatchMatMul', backendName).kernelFunc;
    const dy3 = reshape({ inputs: { x: dy }, backend: args.backend, attrs: { shape: [1, p, f] } }) as TensorInfo;
    const product = matMul({ inputs: { a: cols, b: dy3 }, backend: args.backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
    const grad = reshape({ inputs: { x: product }, backend: args.backend, attrs: { shape: [fh, fw, c, f] } }) as TensorInfo;
    disposeIntermediates(args.backend, [cols, dy3, product]);
    return grad;
  });
}
