/**
 * Gives each voxel on a class boundary to whichever class, among its own and its 6 neighbours', has the nearest
 * local mean: the mean image value, over the (2r+1)³ window around the voxel, of that class's voxels in the labels
 * as they stand (one local Chan–Vese step; the region-scalable fitting of Li et al., IEEE TIP 2008). Scribbles keep
 * their class. A neighbour's class with fewer than 5 % of the window's voxels there is not a candidate; the voxel's own
 * class always is, so a small object keeps its voxels.
 *
 * Why: a partial-volume voxel between two tissues is a mix of both and belongs with the one it resembles more. The
 * network learns where classes part from the strokes, which keep off boundaries, so its boundary falls between the
 * strokes' looks, not between the looks of the tissues that meet there (the FS cortex one voxel too thick on both
 * sides: README.md).
 */
import type { Dims } from '../data/extractPatches';

/** Box sums of a plane's (2r+1)² window, in place: `a` holds `count` planes of nx×ny, one after the other. */
function boxPlanes(a: Float32Array, count: number, nx: number, ny: number, r: number, line: Float64Array): void {
  for (let p = 0; p < count; p++) {
    const base = p * nx * ny;
    for (let y = 0; y < ny; y++) boxLine(a, base + y * nx, 1, nx, r, line);
    for (let x = 0; x < nx; x++) boxLine(a, base + x, nx, ny, r, line);
  }
}

/** Window sums of half-width r along one line of n values at `start`, `stride` apart (prefix sums in `line`). */
function boxLine(a: Float32Array, start: number, stride: number, n: number, r: number, line: Float64Array): void {
  line[0] = 0;
  for (let i = 0; i < n; i++) line[i + 1] = line[i] + a[start + i * stride];
  for (let i = 0; i < n; i++) a[start + i * stride] = line[Math.min(n, i + r + 1)] - line[Math.max(0, i - r)];
}

/**
 * Moves `labels` (1..k, changed in place) at their boundaries to the nearer local mean of `image` (the normalised
 * channels). Returns the voxels that changed class.
 */
export function rimToLocalMeans(labels: Uint8Array, image: ((v: number) => number)[], [nx, ny, nz]: Dims,
  radius: number, k: number, fixed?: Uint8Array): number[] {
  if (!(radius >= 1)) return [];
  const plane = nx * ny;
  const channels = image.length;
  const fields = k * (channels + 1); // per class: its voxel count, then its sum of each channel
  const minCount = 0.05 * (2 * radius + 1) ** 3;
  const line = new Float64Array(Math.max(nx, ny) + 1);
  // The window's sums, slid along z: a plane's in-plane box sums are added as it enters and, computed again,
  // subtracted as it leaves (two passes over the volume instead of 2r+2 planes kept).
  const boxed = new Float32Array(fields * plane);
  const window = new Float64Array(fields * plane);
  const addPlane = (z: number, sign: number) => {
    if (z < 0 || z >= nz) return;
    boxed.fill(0);
    for (let p = 0, v = z * plane; p < plane; p++, v++) {
      const l = labels[v] - 1;
      boxed[l * plane + p] = 1;
      for (let c = 0; c < channels; c++) boxed[(k + l * channels + c) * plane + p] = image[c](v);
    }
    boxPlanes(boxed, fields, nx, ny, radius, line);
    for (let i = 0; i < boxed.length; i++) window[i] += sign * boxed[i];
  };
  for (let z = 0; z < radius; z++) addPlane(z, 1);
  const out = labels.slice();
  const candidate = new Uint8Array(k + 1);
  const own = new Float64Array(channels); // the voxel's own channel values, read once
  // Marks the class of neighbour w as a candidate when it differs from `label`; true when it does.
  const differs = (w: number, label: number): boolean => {
    if (labels[w] === label) return false;
    candidate[labels[w]] = 1;
    return true;
  };
  // Squared distance of the voxel's values to class l's mean over the window at plane position p.
  const distance = (l: number, p: number, count: number): number => {
    let d = 0;
    for (let c = 0; c < channels; c++) {
      const diff = own[c] - window[(k + (l - 1) * channels + c) * plane + p] / count;
      d += diff * diff;
    }
    return d;
  };
  for (let z = 0; z < nz; z++) {
    addPlane(z + radius, 1);
    addPlane(z - radius - 1, -1);
    for (let y = 0, p = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, p++) {
        const v = z * plane + p;
        if (fixed && fixed[v]) continue;
        const label = labels[v];
        candidate.fill(0);
        let rim = false;
        if (x > 0) rim = differs(v - 1, label) || rim;
        if (x < nx - 1) rim = differs(v + 1, label) || rim;
        if (y > 0) rim = differs(v - nx, label) || rim;
        if (y < ny - 1) rim = differs(v + nx, label) || rim;
        if (z > 0) rim = differs(v - plane, label) || rim;
        if (z < nz - 1) rim = differs(v + plane, label) || rim;
        if (!rim) continue;
        for (let c = 0; c < channels; c++) own[c] = image[c](v);
        // The own class first and always a candidate, so that a tie keeps it.
        let best = label;
        let bestDistance = distance(label, p, window[(label - 1) * plane + p]);
        for (let l = 1; l <= k; l++) {
          if (!candidate[l]) continue;
          const count = window[(l - 1) * plane + p];
          if (count < minCount) continue;
          const d = distance(l, p, count);
          if (d < bestDistance) { bestDistance = d; best = l; }
        }
        out[v] = best;
      }
    }
  }
  const changed: number[] = [];
  for (let v = 0; v < labels.length; v++) {
    if (out[v] !== labels[v]) { labels[v] = out[v]; changed.push(v); }
  }
  return changed;
}
