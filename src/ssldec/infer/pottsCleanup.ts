/**
 * Clean-up of the network's prediction by an edge-weighted Potts model (the "CNN, then CRF/graph cut" step of
 * scribble tools; ECONet ends with a graph cut): minimise
 *   E(L) = Σ_v −log q_v(L_v) + Σ_{v~w} λ · exp(−β‖I_v − I_w‖²) / d_vw · [L_v ≠ L_w]
 * over 6-connected neighbours (d in units of the smallest spacing, β = 1 / (2·mean‖ΔI‖²) as in GrabCut), by ICM
 * sweeps from the argmax; scribbled voxels keep their class. Each ICM update can only lower E, so sweeps converge.
 * Removes isolated voxels and ragged borders that a per-voxel network leaves where intensities overlap.
 * Storage is one byte per voxel and class (q quantised), one per voxel and axis (edge weights) and one per voxel (which
 * voxels a sweep visits).
 */
import type { Dims } from '../data/extractPatches';

/** Bytes the clean-up keeps for `voxels` voxels and `k` classes (see CLEANUP_BUDGET_BYTES in trainSsldec/predict). */
export function cleanupBytes(voxels: number, k: number): number {
  return voxels * (k + 4);
}

/** Quantised class probabilities: `q[v * k + c]` = round(255 · q_vc). */
export interface QuantisedQ {
  k: number;
  q: Uint8Array;
}

/** −log of a quantised probability (bin centre, never 0). */
const UNARY = Float64Array.from({ length: 256 }, (_, b) => -Math.log((b + 0.5) / 256));

/**
 * Contrast weights exp(−β‖ΔI‖²) of the edge from each voxel to its forward neighbour along each axis, quantised to
 * 0..255 (0 where there is no neighbour). `image` are the normalised image channels (0..1 scale).
 */
export function edgeWeights(image: ((v: number) => number)[], dims: Dims): [Uint8Array, Uint8Array, Uint8Array] {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const strides = [1, nx, nx * ny];
  const diff2 = (v: number, w: number) => {
    let s = 0;
    for (const ch of image) {
      const d = ch(v) - ch(w);
      s += d * d;
    }
    return s;
  };
  const inside = (v: number, a: number) =>
    a === 0 ? v % nx < nx - 1 : a === 1 ? Math.floor(v / nx) % ny < ny - 1 : Math.floor(v / (nx * ny)) < nz - 1;
  let sum = 0;
  let count = 0;
  for (let v = 0; v < n; v++) {
    for (let a = 0; a < 3; a++) {
      if (!inside(v, a)) continue;
      sum += diff2(v, v + strides[a]);
      count++;
    }
  }
  const beta = sum > 0 ? count / (2 * sum) : 0;
  return [0, 1, 2].map((a) => {
    const w = new Uint8Array(n);
    for (let v = 0; v < n; v++) if (inside(v, a)) w[v] = Math.round(255 * Math.exp(-beta * diff2(v, v + strides[a])));
    return w;
  }) as [Uint8Array, Uint8Array, Uint8Array];
}

export interface CleanupOptions {
  /** λ: cost of a label change between two neighbours of equal intensity, in nats. */
  weight: number;
  /** Grid spacing (mm): edges along coarser axes weigh less. */
  spacing: [number, number, number];
  /** Voxels whose class is fixed (labels 1..K; 0 = free), e.g. the scribbles. */
  fixed?: Uint8Array;
  /** Sweeps at most (default 5); stops earlier when a sweep changes no voxel. */
  maxSweeps?: number;
}

/**
 * ICM on `labels` (values 1..K, modified in place) given quantised q and quantised edge weights.
 * @returns voxels changed per sweep.
 */
export function pottsCleanup(labels: Uint8Array, probs: QuantisedQ, weights: [Uint8Array, Uint8Array, Uint8Array],
  dims: Dims, options: CleanupOptions): number[] {
  const [nx, ny] = dims;
  const plane = nx * ny;
  const n = labels.length;
  const { k, q } = probs;
  const minSpacing = Math.min(...options.spacing);
  // λ per axis and per quantised weight unit.
  const scale = options.spacing.map((s) => options.weight / (s / minSpacing) / 255);
  const [wx, wy, wz] = weights;
  const fixed = options.fixed;
  if (fixed) for (let v = 0; v < n; v++) if (fixed[v]) labels[v] = fixed[v];
  const cost = new Float64Array(k + 1);
  // A voxel's update reads only its own q and its neighbours' labels, and leaves it at a label no other lowers, so
  // it can change again only after a neighbour has: a sweep visits the voxels beside a change (every voxel the first
  // time), and skips the others, which would keep their label.
  const stale = new Uint8Array(n).fill(1);
  const changes: number[] = [];
  for (let sweep = 0; sweep < (options.maxSweeps ?? 5); sweep++) {
    let changed = 0;
    for (let v = 0; v < n; v++) {
      if (!stale[v]) continue;
      stale[v] = 0;
      if (fixed && fixed[v]) continue;
      const i = v % nx, j = Math.floor(v / nx) % ny;
      for (let c = 1; c <= k; c++) cost[c] = UNARY[q[v * k + c - 1]];
      // A neighbour of label l costs w for every label but l: subtract w from l's cost instead.
      if (wx[v]) cost[labels[v + 1]] -= scale[0] * wx[v];
      if (wy[v]) cost[labels[v + nx]] -= scale[1] * wy[v];
      if (wz[v]) cost[labels[v + plane]] -= scale[2] * wz[v];
      if (i > 0 && wx[v - 1]) cost[labels[v - 1]] -= scale[0] * wx[v - 1];
      if (j > 0 && wy[v - nx]) cost[labels[v - nx]] -= scale[1] * wy[v - nx];
      if (v >= plane && wz[v - plane]) cost[labels[v - plane]] -= scale[2] * wz[v - plane];
      let best = labels[v];
      for (let c = 1; c <= k; c++) if (cost[c] < cost[best]) best = c;
      if (best !== labels[v]) {
        labels[v] = best;
        changed++;
        // Its neighbours (those it is tied to: a zero weight ties nothing) see a new label.
        if (wx[v]) stale[v + 1] = 1;
        if (wy[v]) stale[v + nx] = 1;
        if (wz[v]) stale[v + plane] = 1;
        if (i > 0 && wx[v - 1]) stale[v - 1] = 1;
        if (j > 0 && wy[v - nx]) stale[v - nx] = 1;
        if (v >= plane && wz[v - plane]) stale[v - plane] = 1;
      }
    }
    changes.push(changed);
    if (changed === 0) break;
  }
  return changes;
}
