/**
 * Intensity likelihood + a contrast-sensitive Potts prior, minimised by ICM (iterated conditional modes): the
 * classical "likelihood then graph regularisation" scribble tool (MONAI Label runs a graph cut on the same
 * energy; ICM is its simple local minimiser). Energy, with L the labels:
 *   E(L) = Σ_v −log p(I_v | L_v) + Σ_{v~w} λ · exp(−β‖I_v − I_w‖²) / d_vw · [L_v ≠ L_w]
 * over 6-connected neighbours (d in units of the smallest spacing), β = 1 / (2·mean‖ΔI‖²) as in GrabCut.
 * Scribbled voxels keep their class. Each ICM update can only lower E, so the sweeps converge.
 */
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { classLogLikelihoods } from './intensityLikelihood';
import { axisStrides, hasForwardNeighbour, robustlyScaledChannels, squaredDifference } from './neighbours';

export interface PottsOptions {
  /** Weight λ of a label change between two neighbours of equal intensity, in nats (default 1). */
  lambda?: number;
  /** Sweeps at most (default 10); stops earlier when a sweep changes no voxel. */
  maxSweeps?: number;
}

/** The Potts graph: for each axis a, weight[a][v] of the edge from v to its forward neighbour (0 where none). */
export interface PottsGraph {
  dims: [number, number, number];
  weights: [Float32Array, Float32Array, Float32Array];
}

/** Contrast-sensitive edge weights of a volume. */
export function pottsGraph(volume: Volume, lambda: number): PottsGraph {
  const dims = volume.dimensions;
  const n = dims[0] * dims[1] * dims[2];
  const channels = robustlyScaledChannels(volume);
  const strides = axisStrides(dims);
  let sum = 0;
  let count = 0;
  for (let v = 0; v < n; v++) {
    for (const a of [0, 1, 2] as const) {
      if (!hasForwardNeighbour(v, a, dims)) continue;
      sum += squaredDifference(channels, v, v + strides[a]);
      count++;
    }
  }
  const beta = sum > 0 ? count / (2 * sum) : 0;
  const minSpacing = Math.min(...volume.spacing);
  const weights = [0, 1, 2].map((a) => {
    const w = new Float32Array(n);
    const scale = lambda / (volume.spacing[a] / minSpacing);
    for (let v = 0; v < n; v++) {
      if (hasForwardNeighbour(v, a as 0 | 1 | 2, dims)) w[v] = scale * Math.exp(-beta * squaredDifference(channels, v, v + strides[a]));
    }
    return w;
  }) as [Float32Array, Float32Array, Float32Array];
  return { dims, weights };
}

/** E(L) for labels (indices 0..K-1) and unary costs `unary[c * n + v]`. */
export function pottsEnergy(unary: Float32Array, labels: Uint8Array, graph: PottsGraph): number {
  const n = labels.length;
  const strides = axisStrides(graph.dims);
  let e = 0;
  for (let v = 0; v < n; v++) {
    e += unary[labels[v] * n + v];
    for (let a = 0; a < 3; a++) {
      const w = graph.weights[a][v];
      if (w > 0 && labels[v] !== labels[v + strides[a]]) e += w;
    }
  }
  return e;
}

/**
 * ICM sweeps in place over `labels` (indices 0..K-1), leaving voxels with `fixed[v]` set unchanged.
 * Returns the number of voxels changed in each sweep.
 */
export function icm(unary: Float32Array, k: number, labels: Uint8Array, graph: PottsGraph, fixed: Uint8Array, maxSweeps: number): number[] {
  const n = labels.length;
  const [nx, ny] = graph.dims;
  const strides = axisStrides(graph.dims);
  const [wx, wy, wz] = graph.weights;
  const cost = new Float64Array(k);
  const changes: number[] = [];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let changed = 0;
    for (let v = 0; v < n; v++) {
      if (fixed[v]) continue;
      for (let c = 0; c < k; c++) cost[c] = unary[c * n + v];
      // A neighbour of label l costs w for every label but l: the same constant for all, so only subtract it from l.
      // Inlined (no closure): this loop runs millions of times per sweep.
      const plane = strides[2];
      if (wx[v] > 0) cost[labels[v + 1]] -= wx[v];
      if (wy[v] > 0) cost[labels[v + nx]] -= wy[v];
      if (wz[v] > 0) cost[labels[v + plane]] -= wz[v];
      if (v % nx > 0 && wx[v - 1] > 0) cost[labels[v - 1]] -= wx[v - 1];
      if (Math.floor(v / nx) % ny > 0 && wy[v - nx] > 0) cost[labels[v - nx]] -= wy[v - nx];
      if (v >= plane && wz[v - plane] > 0) cost[labels[v - plane]] -= wz[v - plane];
      let best = labels[v];
      for (let c = 0; c < k; c++) if (cost[c] < cost[best]) best = c;
      if (best !== labels[v]) {
        labels[v] = best;
        changed++;
      }
    }
    changes.push(changed);
    if (changed === 0) break;
  }
  return changes;
}

/** The baseline: histogram likelihood unary, Potts prior, ICM from the likelihood's argmax. */
export function likelihoodPotts(volume: Volume, scribbles: Labelmap, options: PottsOptions = {}): Labelmap {
  const { classes, logLikelihood } = classLogLikelihoods(volume, scribbles);
  const n = scribbles.data.length;
  const k = classes.length;
  const unary = logLikelihood.map((x) => -x);
  const index = new Int16Array(256).fill(-1);
  classes.forEach((c, i) => (index[c] = i));
  const labels = new Uint8Array(n);
  const fixed = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const s = index[scribbles.data[v]];
    if (s >= 0) {
      labels[v] = s;
      fixed[v] = 1;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (unary[c * n + v] < unary[best * n + v]) best = c;
    labels[v] = best;
  }
  icm(unary, k, labels, pottsGraph(volume, options.lambda ?? 1), fixed, options.maxSweeps ?? 10);
  const { data: _scribbleData, ...geometry } = scribbles;
  return { ...geometry, data: labels.map((i) => classes[i]) };
}
