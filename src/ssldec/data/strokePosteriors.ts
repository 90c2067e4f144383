/**
 * How much each coarse cell looks like each class's strokes: per class, a histogram of every image channel over the
 * cells its strokes touch, smoothed, multiplied over the channels (naive Bayes) and normalised over the classes.
 * The geodesic inputs' class barrier (geodesicFeatures.ts) charges a path for the change of this posterior, so a
 * path from a class's strokes pays for leaving what looks like the class and again for coming back: the T12
 * vertebra's strokes reach the next vertebra, which looks the same, only across a disc that does not.
 */

/** Histogram bins over the normalised channel range 0..1. */
const BINS = 64;
/** Gaussian smoothing of each histogram (bins): a class's strokes touch a few hundred cells. */
const SMOOTHING_BINS = 2;
/** Floor of each smoothed, normalised histogram, so a look no stroke had is unlikely, not impossible. */
const FLOOR = 1e-4;

const RADIUS = Math.ceil(3 * SMOOTHING_BINS);
const KERNEL = Array.from({ length: 2 * RADIUS + 1 }, (_, t) => Math.exp(-((t - RADIUS) ** 2) / (2 * SMOOTHING_BINS ** 2)));

function binOf(x: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(x * BINS)));
}

/** The smoothed, normalised histogram of `values` at `cells`. */
function smoothedHistogram(values: Float32Array, cells: Iterable<number>): Float64Array {
  const counts = new Float64Array(BINS);
  for (const c of cells) counts[binOf(values[c])]++;
  const h = new Float64Array(BINS);
  for (let b = 0; b < BINS; b++) {
    for (let t = -RADIUS; t <= RADIUS; t++) if (b + t >= 0 && b + t < BINS) h[b] += counts[b + t] * KERNEL[t + RADIUS];
  }
  let sum = 0;
  for (const x of h) sum += x;
  for (let b = 0; b < BINS; b++) h[b] = (sum > 0 ? h[b] / sum : 1 / BINS) + FLOOR;
  return h;
}

/**
 * Per class, the posterior of every cell (0..1, summing to 1 over the classes).
 * @param means per image channel, each cell's mean (normalised, about 0..1).
 * @param strokeCells per class, the cells its strokes touch (a class without strokes gets a flat histogram).
 */
export function strokePosteriors(means: Float32Array[], strokeCells: Iterable<number>[], cells: number): Float32Array[] {
  const histograms = strokeCells.map((own) => {
    const list = [...own];
    return means.map((m) => smoothedHistogram(m, list));
  });
  const posteriors = strokeCells.map(() => new Float32Array(cells));
  const likelihood = new Float64Array(strokeCells.length);
  for (let c = 0; c < cells; c++) {
    let total = 0;
    for (let j = 0; j < histograms.length; j++) {
      let l = 1;
      for (let ch = 0; ch < means.length; ch++) l *= histograms[j][ch][binOf(means[ch][c])];
      likelihood[j] = l;
      total += l;
    }
    for (let j = 0; j < histograms.length; j++) posteriors[j][c] = total > 0 ? likelihood[j] / total : 1 / histograms.length;
  }
  return posteriors;
}
