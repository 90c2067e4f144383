/** Overlap scores between a predicted and a true labelmap of one grid. */

/** Dice per class value and the means the benchmark reports. */
export interface DiceScores {
  /** Dice by class value (1..K); NaN when the class is absent from both maps. */
  perClass: Record<number, number>;
  /** Mean over the given `tissue` classes. */
  meanTissue: number;
  /** Mean over every scored class. */
  meanAll: number;
}

/**
 * Dice 2|P∩T| / (|P|+|T|) for each class in `classes`, counting only voxels where `mask` is unset or non-zero.
 * `prediction` and `truth` are flat label arrays of equal length (the Volume.ts index order).
 */
export function diceScores(prediction: Uint8Array, truth: Uint8Array, classes: number[], tissue: number[]): DiceScores {
  if (prediction.length !== truth.length) {
    throw new Error(`Dice needs maps of one size: prediction has ${prediction.length} voxels, truth ${truth.length}`);
  }
  const both = new Float64Array(256);
  const predCount = new Float64Array(256);
  const trueCount = new Float64Array(256);
  for (let v = 0; v < truth.length; v++) {
    const p = prediction[v];
    const t = truth[v];
    predCount[p]++;
    trueCount[t]++;
    if (p === t) both[p]++;
  }
  const perClass: Record<number, number> = {};
  for (const c of classes) {
    const denominator = predCount[c] + trueCount[c];
    perClass[c] = denominator === 0 ? NaN : (2 * both[c]) / denominator;
  }
  const avg = (cs: number[]) => cs.reduce((s, c) => s + perClass[c], 0) / cs.length;
  return { perClass, meanTissue: avg(tissue), meanAll: avg(classes) };
}

/**
 * Where each class's voxels went: for each true class in `classes`, the voxels predicted as each class of `classes`
 * (outer index the true class, inner the predicted; a voxel of any other value on either side is not counted). It
 * tells a Dice below target apart: a class that leaks into a neighbour from one that is eaten by it.
 */
export function confusionCounts(prediction: Uint8Array, truth: Uint8Array, classes: number[]): Map<number, Map<number, number>> {
  if (prediction.length !== truth.length) {
    throw new Error(`A confusion matrix needs maps of one size: prediction has ${prediction.length} voxels, truth ${truth.length}`);
  }
  const counts = new Float64Array(256 * 256);
  for (let v = 0; v < truth.length; v++) counts[truth[v] * 256 + prediction[v]]++;
  return new Map(classes.map((t) => [t, new Map(classes.map((p) => [p, counts[t * 256 + p]]))]));
}
