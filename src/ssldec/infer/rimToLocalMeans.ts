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

/**
 * Box sums of a plane's (2r+1)² window, in place: `a` holds `count` planes of nx×ny, one after the other. `rows`
 * holds (ny + 1)·nx prefix sums: the columns are summed side by side, in memory order.
 */
function boxPlanes(a: Float32Array, count: number, nx: number, ny: number, r: number, rows: Float64Array): void {
  for (let p = 0; p < count; p++) {
    const base = p * nx * ny;
    for (let y = 0; y < ny; y++) boxLine(a, base + y * nx, nx, r, rows);
    // Along y: the same prefix sums and differences per column as along x, the columns stepped together.
    for (let x = 0; x < nx; x++) rows[x] = 0;
    for (let y = 0; y < ny; y++) {
      for (let x = 0, at = base + y * nx; x < nx; x++, at++) rows[(y + 1) * nx + x] = rows[y * nx + x] + a[at];
    }
    for (let y = 0; y < ny; y++) {
      const upper = Math.min(ny, y + r + 1) * nx, lower = Math.max(0, y - r) * nx;
      for (let x = 0, at = base + y * nx; x < nx; x++, at++) a[at] = rows[upper + x] - rows[lower + x];
    }
  }
}

/** Window sums of half-width r along the row of n values at `start` (prefix sums in `line`). */
function boxLine(a: Float32Array, start: number, n: number, r: number, line: Float64Array): void {
  line[0] = 0;
  for (let i = 0; i < n; i++) line[i + 1] = line[i] + a[start + i];
  for (let i = 0; i < n; i++) a[start + i] = line[Math.min(n, i + r + 1)] - line[Math.max(0, i - r)];
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
  const rows = new Float64Array((Math.max(nx, ny) + 1) * nx);
  // The window's sums, slid along z: a plane's in-plane box sums are added as it enters and subtracted as it leaves,
  // kept meanwhile in a ring of 2r + 2 planes (the plane entering and the one leaving at the same step differ).
  const slots = 2 * radius + 2;
  const boxed = new Float32Array(slots * fields * plane);
  const window = new Float64Array(fields * plane);
  const slot = (z: number) => boxed.subarray((z % slots) * fields * plane, ((z % slots) + 1) * fields * plane);
  const addPlane = (z: number) => {
    if (z >= nz) return;
    const sums = slot(z);
    sums.fill(0);
    for (let p = 0, v = z * plane; p < plane; p++, v++) {
      const l = labels[v] - 1;
      sums[l * plane + p] = 1;
      for (let c = 0; c < channels; c++) sums[(k + l * channels + c) * plane + p] = image[c](v);
    }
    boxPlanes(sums, fields, nx, ny, radius, rows);
    for (let i = 0; i < sums.length; i++) window[i] += sums[i];
  };
  const removePlane = (z: number) => {
    if (z < 0) return;
    const sums = slot(z);
    for (let i = 0; i < sums.length; i++) window[i] -= sums[i];
  };
  for (let z = 0; z < radius; z++) addPlane(z);
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
    addPlane(z + radius);
    removePlane(z - radius - 1);
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
