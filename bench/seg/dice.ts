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

/** Voxel counts of every (true, predicted) label pair: `pairs[t * 256 + p]`. One pass serves Dice and the confusion. */
export function labelPairCounts(prediction: Uint8Array, truth: Uint8Array): Float64Array {
  if (prediction.length !== truth.length) {
    throw new Error(`Scores need maps of one size: prediction has ${prediction.length} voxels, truth ${truth.length}`);
  }
  const pairs = new Float64Array(256 * 256);
  for (let v = 0; v < truth.length; v++) pairs[truth[v] * 256 + prediction[v]]++;
  return pairs;
}

/**
 * Dice 2|P∩T| / (|P|+|T|) for each class in `classes`, from the label pairs of a prediction and its truth
 * (labelPairCounts); the means over `tissue` and over `classes`.
 */
export function diceFromPairs(pairs: Float64Array, classes: number[], tissue: number[]): DiceScores {
  const perClass: Record<number, number> = {};
  for (const c of classes) {
    let predicted = 0, truthful = 0;
    for (let other = 0; other < 256; other++) {
      predicted += pairs[other * 256 + c];
      truthful += pairs[c * 256 + other];
    }
    const denominator = predicted + truthful;
    perClass[c] = denominator === 0 ? NaN : (2 * pairs[c * 256 + c]) / denominator;
  }
  const avg = (cs: number[]) => cs.reduce((s, c) => s + perClass[c], 0) / cs.length;
  return { perClass, meanTissue: avg(tissue), meanAll: avg(classes) };
}

/**
 * Where each class's voxels went: for each true class in `classes`, the voxels predicted as each class of `classes`
 * (outer index the true class, inner the predicted; a voxel of any other value on either side is not counted). It
 * tells a Dice below target apart: a class that leaks into a neighbour from one that is eaten by it.
 */
export function confusionFromPairs(pairs: Float64Array, classes: number[]): Map<number, Map<number, number>> {
  return new Map(classes.map((t) => [t, new Map(classes.map((p) => [p, pairs[t * 256 + p]]))]));
}
