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
 * The slice with the largest sum of 1 − `confidence` (max q per voxel), skipping `scribbled` slices unless every
 * slice is scribbled (a 3-slice volume: then the most doubtful of them). Ties go to the lower k.
 */
export function leastConfidentSlice(confidence: ArrayLike<number>, dims: readonly number[], scribbled: readonly number[], unsureBelow = UNSURE_BELOW): DoubtfulSlice {
  const [columns, rows, depth] = dims;
  const perSlice = columns * rows;
  const skip = new Set(scribbled.length < depth ? scribbled : []);
  let best: DoubtfulSlice = { slice: 0, unsureVoxels: 0 };
  let worst = -1;
  for (let k = 0; k < depth; k++) {
    if (skip.has(k)) continue;
    let doubt = 0;
    let unsure = 0;
    for (let v = k * perSlice; v < (k + 1) * perSlice; v++) {
      doubt += 1 - confidence[v];
      if (confidence[v] < unsureBelow) unsure++;
    }
    if (doubt > worst) {
      worst = doubt;
      best = { slice: k, unsureVoxels: unsure };
    }
  }
  return best;
}
