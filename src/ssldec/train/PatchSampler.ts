/**
 * Draws training data from one volume: class-balanced labelled patches around scribbles (pick a scribbled class
 * uniformly, then one of its scribbled voxels, then a patch around it with a random shift) or, for a per-voxel
 * network, class-balanced scribbled voxels alone; and unlabelled patches spread uniformly over the volume. Seeded, so
 * a cpu run repeats exactly.
 */
import { tf, type Tensor } from '../backend/tf';
import type { ModelConfig } from '../model/ModelConfig';
import { inputBatchShape } from '../model/forwardQ';
import { SeededRandom } from '../data/random';
import { extractInput, extractLabels, patchInputLength, type Dims, type PatchBox, type VolumeSource } from '../data/extractPatches';
import type { TrainConfig } from './TrainConfig';

/** A batch as tensors: x `[N, (D,) H, W, Cin]`, oneHot `[N, (D,) H, W, K]` (zero rows where unlabelled). */
export interface LabelledBatch {
  x: Tensor;
  oneHot: Tensor;
}

/** A scribbled-voxel batch's rows are a multiple of this (labelledBatch's `scribbledOnly`). */
export const SCRIBBLED_ROWS = 128;

export class PatchSampler {
  private readonly byClass: Int32Array[];
  private readonly rng: SeededRandom;
  private readonly dims: Dims;
  /** Patch size [si, sj, sk] in voxels. */
  readonly size: [number, number, number];

  constructor(
    private readonly model: ModelConfig,
    train: TrainConfig,
    private readonly source: VolumeSource,
    private readonly scribbles: Uint8Array,
    seed: number,
  ) {
    this.dims = source.dims;
    this.rng = new SeededRandom(seed);
    this.size = [Math.min(train.patchSize, source.dims[0]), Math.min(train.patchSize, source.dims[1]),
      model.kind === '3d' ? Math.min(train.patchDepth, source.dims[2]) : 1];
    const counts = new Array<number>(model.numClasses).fill(0);
    for (let i = 0; i < scribbles.length; i++) if (scribbles[i] > 0) counts[scribbles[i] - 1]++;
    this.byClass = counts.map((n) => new Int32Array(n));
    const fill = new Array<number>(model.numClasses).fill(0);
    for (let i = 0; i < scribbles.length; i++) if (scribbles[i] > 0) this.byClass[scribbles[i] - 1][fill[scribbles[i] - 1]++] = i;
  }

  /** Indices 0..K-1 of classes with at least one scribbled voxel. */
  scribbledClasses(): number[] {
    return this.byClass.map((v, c) => (v.length > 0 ? c : -1)).filter((c) => c >= 0);
  }

  private labelShape(n: number): number[] {
    const [si, sj, sk] = this.size;
    return this.model.kind === '3d' ? [n, sk, sj, si] : [n, sj, si];
  }

  private clampStart(centre: number, size: number, dim: number): number {
    return Math.max(0, Math.min(dim - size, centre - Math.floor(size / 2)));
  }

  /** Grid coordinates [i, j, k] of flat voxel index `index`. */
  private coordinatesOf(index: number): [number, number, number] {
    const [nx, ny] = this.dims;
    return [index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny))];
  }

  /** A box containing scribbled voxel `index`, shifted randomly by up to a quarter patch. */
  private boxAround(index: number): PatchBox {
    const [nx, ny] = this.dims;
    const [si, sj, sk] = this.size;
    const [i, j, k] = this.coordinatesOf(index);
    const shift = (s: number) => Math.round((this.rng.next() - 0.5) * (s / 2));
    const is3d = this.model.kind === '3d';
    return {
      i0: this.clampStart(i + shift(si), si, nx), j0: this.clampStart(j + shift(sj), sj, ny),
      k0: is3d ? this.clampStart(k + shift(sk), sk, this.dims[2]) : k, si, sj, sk,
    };
  }

  /** A box anywhere in the volume. */
  randomBox(): PatchBox {
    const [si, sj, sk] = this.size;
    const is3d = this.model.kind === '3d';
    return {
      i0: this.rng.int(this.dims[0] - si + 1), j0: this.rng.int(this.dims[1] - sj + 1),
      k0: is3d ? this.rng.int(this.dims[2] - sk + 1) : this.rng.int(this.dims[2]), si, sj, sk,
    };
  }

  /** Random integer in [0, n) from the sampler's seeded stream. */
  int(n: number): number {
    return this.rng.int(n);
  }

  /**
   * n class-balanced scribbled voxels, each a 1×1 input `[n, 1, 1, Cin]` with its one-hot label: for a per-voxel
   * network every labelled voxel of a step is a fresh draw, and no step computes the unlabelled rest of a patch.
   */
  labelledVoxels(n: number): LabelledBatch {
    const classes = this.scribbledClasses();
    const k = this.model.numClasses;
    const oneHot = new Float32Array(n * k);
    const boxes = Array.from({ length: n }, (_, v): PatchBox => {
      const c = classes[v % classes.length];
      oneHot[v * k + c] = 1;
      const voxels = this.byClass[c];
      const [i, j, slice] = this.coordinatesOf(voxels[this.rng.int(voxels.length)]);
      return { i0: i, j0: j, k0: slice, si: 1, sj: 1, sk: 1 };
    });
    return { x: this.inputOf(boxes), oneHot: tf.tensor(oneHot, [n, 1, 1, k]) };
  }

  /**
   * n class-balanced labelled patches with their one-hot scribbles. Caller disposes the tensors.
   * @param scribbledOnly give only the patches' scribbled voxels, each a 1×1 input `[N, 1, 1, Cin]` (`[N, 1, 1, 1,
   *   Cin]` in 3D), in the patches' order, a voxel that two patches share twice, N rounded up to a multiple of
   *   SCRIBBLED_ROWS with unlabelled rows of zeros: the same draws and the same loss for a network whose output at a
   *   voxel reads that voxel alone (receptiveRadius 0), since the masked loss reads nothing else, at a fraction of
   *   the cost (about 480 of the 8192 voxels of eight 32×32 patches).
   */
  labelledBatch(n: number, scribbledOnly = false): LabelledBatch {
    const classes = this.scribbledClasses();
    const boxes = Array.from({ length: n }, () => {
      const voxels = this.byClass[classes[this.rng.int(classes.length)]];
      return this.boxAround(voxels[this.rng.int(voxels.length)]);
    });
    const { labels } = this.labelsOf(boxes);
    const k = this.model.numClasses;
    if (scribbledOnly) {
      const points: PatchBox[] = [];
      const hot: number[] = [];
      const len = labels.length / n;
      boxes.forEach((b, m) => {
        for (let p = 0; p < len; p++) {
          const label = labels[m * len + p];
          if (label < 0) continue;
          // labelsOf's order within a box: i fastest, then j, then k.
          const [di, dj, dk] = [p % b.si, Math.floor(p / b.si) % b.sj, Math.floor(p / (b.si * b.sj))];
          points.push({ i0: b.i0 + di, j0: b.j0 + dj, k0: b.k0 + dk, si: 1, sj: 1, sk: 1 });
          hot.push(label);
        }
      });
      // Rounded up with rows of zeros, which no loss reads (no label), so that a GPU backend meets few batch shapes.
      const rows = Math.ceil(hot.length / SCRIBBLED_ROWS) * SCRIBBLED_ROWS;
      const oneHot = new Float32Array(rows * k);
      hot.forEach((label, v) => (oneHot[v * k + label] = 1));
      const x = this.inputOf(points, rows);
      return { x, oneHot: tf.tensor(oneHot, this.model.kind === '3d' ? [rows, 1, 1, 1, k] : [rows, 1, 1, k]) };
    }
    const oneHot = new Float32Array(labels.length * k);
    for (let v = 0; v < labels.length; v++) if (labels[v] >= 0) oneHot[v * k + labels[v]] = 1;
    return {
      x: this.inputOf(boxes),
      oneHot: tf.tensor(oneHot, [...this.labelShape(n), k]),
    };
  }

  /** Network input of the boxes (all of one size), `[rows, ...]`, rows past the boxes' zero. Caller disposes. */
  inputOf(boxes: PatchBox[], rows = boxes.length): Tensor {
    const len = patchInputLength(this.model, boxes[0]);
    const data = new Float32Array(len * rows);
    boxes.forEach((b, n) => extractInput(this.model, this.source, b, data, n * len));
    return tf.tensor(data, inputBatchShape(this.model, boxes[0], rows));
  }

  /** Scribble labels of the boxes (class index or -1), flat `[N, (D,) H, W]`. */
  labelsOf(boxes: PatchBox[]): { labels: Int32Array; shape: number[] } {
    const len = boxes[0].si * boxes[0].sj * boxes[0].sk;
    const labels = new Int32Array(len * boxes.length);
    boxes.forEach((b, n) => extractLabels(this.scribbles, this.dims, b, labels, n * len));
    return { labels, shape: this.labelShape(boxes.length) };
  }
}
