/**
 * Another place a clinician's next strokes may help: the slice (along k) where the SSLDEC rounds moved the first
 * result most, i.e. where the first and the final predictions disagree in the most voxels, among the slices not yet
 * scribbled. The slice the engine doubts most (leastConfidentSlice.ts) looks only at where the network is unsure.
 * One correction here beats one on the doubted slice on the bench's held-out cases and loses on the suite's
 * (`../../../BENCHMARKS.md`, "Both correction hints"), so the panel and the CLI offer both.
 */
import { sliceWithLargestSum } from './leastConfidentSlice';

/** The slice where two labelmaps differ most and in how many of its voxels. */
export interface ChangedSlice {
  /** Slice index k (0 at the volume origin). */
  slice: number;
  /** Voxels of that slice whose label differs. */
  changedVoxels: number;
}

/**
 * The slice with the most voxels whose label differs between `first` and `final` (columns × rows × slices, flat),
 * skipping `scribbled` slices unless every slice is scribbled. Ties go to the lower k.
 */
export function mostChangedSlice(first: ArrayLike<number>, final: ArrayLike<number>, dims: readonly number[], scribbled: readonly number[]): ChangedSlice {
  if (first.length !== final.length) throw new Error(`mostChangedSlice: labelmaps of ${first.length} and ${final.length} voxels`);
  const { slice, sum } = sliceWithLargestSum(dims, scribbled, (v) => (first[v] !== final[v] ? 1 : 0));
  return { slice, changedVoxels: sum };
}

/** Whether `moved` is worth offering beside the doubted slice (if any): the rounds changed a voxel there, on another slice. */
export function offersMovedSlice(moved: ChangedSlice, doubtfulSlice: number | undefined): boolean {
  return moved.changedVoxels > 0 && moved.slice !== doubtfulSlice;
}
