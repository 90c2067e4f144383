/**
 * Where a clinician's next strokes help most: the slice (along k) the engine doubts most, the largest sum of
 * 1 − max q over its voxels, among the slices not yet scribbled. One correction round there lifts the held-out
 * anatomy about as much as one on the slice the truth says is worst (`../../../BENCHMARKS.md`, "a correction on
 * the slice the engine doubts most"); it cannot find errors the network is sure of.
 */

/** Max q below this counts a voxel as unsure (the panel's "Show unsure voxels" uses the same). */
export const UNSURE_BELOW = 0.7;

/** The most doubtful slice and how many of its voxels fall below a confidence threshold. */
export interface DoubtfulSlice {
  /** Slice index k (0 at the volume origin). */
  slice: number;
  /** Voxels of that slice with max q below `unsureBelow`. */
  unsureVoxels: number;
}

/** The k of every slice that holds a labelled (non-zero) voxel of `labels` (columns × rows × slices, flat). */
export function scribbledSlices(labels: ArrayLike<number>, dims: readonly number[]): number[] {
  const perSlice = dims[0] * dims[1];
  const slices: number[] = [];
  for (let k = 0; k < dims[2]; k++) {
    for (let v = k * perSlice; v < (k + 1) * perSlice; v++) {
      if (labels[v] !== 0) {
        slices.push(k);
        break;
      }
    }
  }
  return slices;
}

/**
 * Among the slices not in `scribbled` (all of them when every slice is scribbled), the one whose voxels have the
 * largest sum of `score`, and that sum; ties go to the lower k. The scan both correction hints share.
 */
export function sliceWithLargestSum(dims: readonly number[], scribbled: readonly number[], score: (v: number) => number): { slice: number; sum: number } {
  const [columns, rows, depth] = dims;
  const perSlice = columns * rows;
  const skip = new Set(scribbled.length < depth ? scribbled : []);
  let best = { slice: 0, sum: -1 };
  for (let k = 0; k < depth; k++) {
    if (skip.has(k)) continue;
    let sum = 0;
    for (let v = k * perSlice; v < (k + 1) * perSlice; v++) sum += score(v);
    if (sum > best.sum) best = { slice: k, sum };
  }
  return best;
}

/**
 * The slice with the largest sum of 1 − `confidence` (max q per voxel), skipping `scribbled` slices unless every
 * slice is scribbled (a 3-slice volume: then the most doubtful of them). Ties go to the lower k.
 */
export function leastConfidentSlice(confidence: ArrayLike<number>, dims: readonly number[], scribbled: readonly number[], unsureBelow = UNSURE_BELOW): DoubtfulSlice {
  const { slice } = sliceWithLargestSum(dims, scribbled, (v) => 1 - confidence[v]);
  const perSlice = dims[0] * dims[1];
  let unsureVoxels = 0;
  for (let v = slice * perSlice; v < (slice + 1) * perSlice; v++) if (confidence[v] < unsureBelow) unsureVoxels++;
  return { slice, unsureVoxels };
}
