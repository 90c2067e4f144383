/**
 * How much each coarse cell looks like each class's strokes: per class, a histogram of every image channel over the
 * cells its strokes touch, smoothed, multiplied over the channels (naive Bayes) and normalised over the classes.
 * The geodesic inputs' class barrier (geodesicFeatures.ts) charges a path for the change of this posterior, so a
 * path from a class's strokes pays for leaving what looks like the class and again for coming back: the T12
 * vertebra's strokes reach the next vertebra, which looks the same, only across a disc that does not.
 * Adapted look (weight α > 0): strokes sample a class narrowly (a few hundred cells, mostly inside it), so each
 * class's histograms are re-estimated from the cells near its strokes, weighted by their posterior, and mixed with
 * the strokes' own at weight α, twice (semi-supervised naive Bayes, EM-λ of Nigam et al., Machine Learning 39, 2000).
 * "Near" is exp(−d/s), d the plain geodesic distance to the class's strokes: the look a class takes on is what
 * surrounds its strokes, not every look-alike in the volume.
 */

/** Histogram bins over the normalised channel range 0..1. */
const BINS = 64;
/** Gaussian smoothing of each histogram (bins): a class's strokes touch a few hundred cells. */
const SMOOTHING_BINS = 2;
/** Floor of each smoothed, normalised histogram, so a look no stroke had is unlikely, not impossible. */
const FLOOR = 1e-4;

/** EM rounds of the adapted look: the second adds what the first's wider look let in (more were not measured). */
const ADAPTATION_ROUNDS = 2;

const RADIUS = Math.ceil(3 * SMOOTHING_BINS);
const KERNEL = Array.from({ length: 2 * RADIUS + 1 }, (_, t) => Math.exp(-((t - RADIUS) ** 2) / (2 * SMOOTHING_BINS ** 2)));

function binOf(x: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(x * BINS)));
}

/** Bin counts smoothed and normalised to sum 1 (flat where there are none). */
function smoothed(counts: Float64Array): Float64Array {
  const h = new Float64Array(BINS);
  for (let b = 0; b < BINS; b++) {
    for (let t = -RADIUS; t <= RADIUS; t++) if (b + t >= 0 && b + t < BINS) h[b] += counts[b + t] * KERNEL[t + RADIUS];
  }
  let sum = 0;
  for (const x of h) sum += x;
  for (let b = 0; b < BINS; b++) h[b] = sum > 0 ? h[b] / sum : 1 / BINS;
  return h;
}

/** The smoothed, normalised histogram of `values` at `cells`. */
function smoothedHistogram(values: Float32Array, cells: Iterable<number>): Float64Array {
  const counts = new Float64Array(BINS);
  for (const c of cells) counts[binOf(values[c])]++;
  return smoothed(counts);
}

/** A histogram with every bin raised by FLOOR: the look a class is scored by. */
function floored(h: Float64Array): Float64Array {
  return h.map((x) => x + FLOOR);
}

/** The smoothed, normalised histogram of `values` over every cell, cell c counted with weight u[c]·w[c]. */
function weightedHistogram(values: Float32Array, u: Float32Array, w: Float32Array): Float64Array {
  const counts = new Float64Array(BINS);
  for (let c = 0; c < values.length; c++) counts[binOf(values[c])] += u[c] * w[c];
  return smoothed(counts);
}

/** Per class, every cell's posterior under the per-channel histograms (naive Bayes, equal class priors). */
function posteriorsOf(means: Float32Array[], histograms: Float64Array[][], cells: number): Float32Array[] {
  const posteriors = histograms.map(() => new Float32Array(cells));
  const likelihood = new Float64Array(histograms.length);
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

/** How the looks adapt to the image (see the file's comment): α and, per class, each cell's nearness to its strokes. */
export interface LookAdaptation {
  weight: number;
  nearness: Float32Array[];
}

/**
 * Per class, the posterior of every cell (0..1, summing to 1 over the classes).
 * @param means per image channel, each cell's mean (normalised, about 0..1).
 * @param strokeCells per class, the cells its strokes touch (a class without strokes gets a flat histogram).
 * @param adaptation when given, the looks adapted to the cells near each class's strokes.
 */
export function strokePosteriors(means: Float32Array[], strokeCells: Iterable<number>[], cells: number,
  adaptation?: LookAdaptation): Float32Array[] {
  const strokeLooks = strokeCells.map((own) => {
    const list = [...own];
    return means.map((m) => smoothedHistogram(m, list));
  });
  let posteriors = posteriorsOf(means, strokeLooks.map((own) => own.map(floored)), cells);
  if (!adaptation || !(adaptation.weight > 0)) return posteriors;
  const a = adaptation.weight;
  for (let round = 0; round < ADAPTATION_ROUNDS; round++) {
    const looks = strokeLooks.map((own, j) =>
      own.map((h, ch) => {
        const near = weightedHistogram(means[ch], posteriors[j], adaptation.nearness[j]);
        return floored(h.map((x, b) => (x + a * near[b]) / (1 + a)));
      }));
    posteriors = posteriorsOf(means, looks, cells);
  }
  return posteriors;
}
