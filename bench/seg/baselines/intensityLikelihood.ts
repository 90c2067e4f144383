/**
 * The classical baseline a user would get from peers' scribble tools: a per-class intensity histogram learnt from
 * the scribbled voxels, then each voxel labelled with the class of highest likelihood. This is MONAI Label's
 * `make_likelihood_image_histogram` (monailabel/scribbles/utils.py: image scaled to [0, 1] by its min/max,
 * 32 bins, Dirichlet pseudo-count 1 per bin, argmax), generalised from 2 to K classes and to several channels
 * (channels treated as independent: log-likelihoods add). MONAI Label then runs a graph cut; we stop before it.
 */
import type { Labelmap, Volume } from '../../../src/volume/Volume';

/** Settings; defaults follow MONAI Label. */
export interface LikelihoodOptions {
  /** Histogram bins per channel (default 32). */
  bins?: number;
  /** Pseudo-count added to every bin of every class (default 1). */
  pseudoCount?: number;
}

/** Per-class log-likelihood of every voxel: `logLikelihood[c * n + v]` for the c-th of `classes` (ascending values). */
export interface ClassLogLikelihoods {
  classes: number[];
  logLikelihood: Float32Array;
}

/** The histogram model of the scribbled classes, evaluated at every voxel. */
export function classLogLikelihoods(volume: Volume, scribbles: Labelmap, options: LikelihoodOptions = {}): ClassLogLikelihoods {
  const bins = options.bins ?? 32;
  const alpha = options.pseudoCount ?? 1;
  const n = scribbles.data.length;
  const classes = [...new Set(scribbles.data)].filter((v) => v !== 0).sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new Error(`Intensity likelihood needs scribbles of at least 2 classes, got classes [${classes.join(', ')}]`);
  }
  const logLikelihood = new Float32Array(classes.length * n);
  const classIndex = new Int16Array(256).fill(-1);
  classes.forEach((c, i) => (classIndex[c] = i));

  for (const channel of volume.channels) {
    if (channel.length !== n) throw new Error(`Channel has ${channel.length} voxels, scribbles ${n}: grids differ`);
    let min = Infinity;
    let max = -Infinity;
    for (let v = 0; v < n; v++) {
      if (channel[v] < min) min = channel[v];
      if (channel[v] > max) max = channel[v];
    }
    const scale = max > min ? bins / (max - min) : 0;
    const binOf = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor((x - min) * scale)));
    const counts = new Float64Array(classes.length * bins).fill(alpha);
    for (let v = 0; v < n; v++) {
      const c = classIndex[scribbles.data[v]];
      if (c >= 0) counts[c * bins + binOf(channel[v])]++;
    }
    const logProbability = new Float32Array(classes.length * bins);
    for (let c = 0; c < classes.length; c++) {
      let total = 0;
      for (let b = 0; b < bins; b++) total += counts[c * bins + b];
      for (let b = 0; b < bins; b++) logProbability[c * bins + b] = Math.log(counts[c * bins + b] / total);
    }
    for (let v = 0; v < n; v++) {
      const b = binOf(channel[v]);
      for (let c = 0; c < classes.length; c++) logLikelihood[c * n + v] += logProbability[c * bins + b];
    }
  }

  return { classes, logLikelihood };
}

/** Label each voxel of `volume` with the scribble class (values present in `scribbles`) of highest likelihood. */
export function intensityLikelihood(volume: Volume, scribbles: Labelmap, options: LikelihoodOptions = {}): Labelmap {
  const { classes, logLikelihood } = classLogLikelihoods(volume, scribbles, options);
  const n = scribbles.data.length;
  const data = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    let best = 0;
    for (let c = 1; c < classes.length; c++) if (logLikelihood[c * n + v] > logLikelihood[best * n + v]) best = c;
    data[v] = classes[best];
  }
  const { data: _scribbleData, ...geometry } = scribbles;
  return { ...geometry, data };
}
