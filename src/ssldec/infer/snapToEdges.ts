/**
 * Moves a prediction's class boundaries to the nearest intensity edges: every class is eroded by `radius` voxels
 * (6-neighbourhood; outside the grid counts as the same class), the scribbles are added back as seeds of their class,
 * and every voxel left over takes the class of the seed it is geodesically nearest, along a path whose step costs
 * the intensity change it crosses plus a small length term (the measure of the geodesic inputs and of Slicer's "Grow
 * from seeds"). The interior of each predicted region stays as it was; its rim goes to whichever side the image
 * joins it to.
 *
 * Why: the per-voxel network calls bright objects about one voxel too large (CT aorta, one draw: 1386 false aorta
 * voxels against 656 missed; T12 4593 against 647); the priors, the Potts loss and the clean-up shrink it but do not
 * place it. Bench method `default-grown` (the same step outside the engine) raised all eight cases on 3×3 seeds 1–3
 * (`../../../BENCHMARKS.md`).
 *
 * With `sure`, a voxel the prediction is sure of is eroded one voxel deep only: a deeper erosion removes thin false
 * branches, which the prediction doubts, without erasing thin true structures it is sure of, such as the cortex
 * (README.md, thirteenth revision).
 */
import type { Dims } from '../data/extractPatches';
import { Heap } from '../data/heap';

/** Labels (1..K; 0 = none) kept only where all 6 neighbours inside the grid share them, `radius` times over. */
export function erodeLabels(labels: Uint8Array, [nx, ny, nz]: Dims, radius: number): Uint8Array {
  let current = labels;
  for (let step = 0; step < radius; step++) {
    const out = new Uint8Array(current.length);
    const plane = nx * ny;
    for (let k = 0, v = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, v++) {
          const l = current[v];
          if (l === 0) continue;
          if (i > 0 && current[v - 1] !== l) continue;
          if (i < nx - 1 && current[v + 1] !== l) continue;
          if (j > 0 && current[v - nx] !== l) continue;
          if (j < ny - 1 && current[v + nx] !== l) continue;
          if (k > 0 && current[v - plane] !== l) continue;
          if (k < nz - 1 && current[v + plane] !== l) continue;
          out[v] = l;
        }
      }
    }
    current = out;
  }
  return current;
}

/** Voxels whose confidence is at least `atLeast` are eroded one voxel deep only. */
export interface SureVoxels {
  confidence: ArrayLike<number>;
  atLeast: number;
}

/**
 * Snaps `labels` (1..K, changed in place) to the image's edges. `image` are the normalised image channels (0..1
 * scale), `lengthPerMm` the step cost's length term (the model's geodesic measure), `fixed` the scribbles (0 = none),
 * which keep their class, `sure` the voxels eroded one voxel deep whatever the radius. Returns the voxels that changed
 * class.
 */
export function snapToEdges(labels: Uint8Array, image: ((v: number) => number)[], dims: Dims,
  spacing: [number, number, number], radius: number, lengthPerMm: number, fixed?: Uint8Array, sure?: SureVoxels): number[] {
  if (!(radius >= 1)) return [];
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  const shallow = erodeLabels(labels, dims, 1);
  const seeds = erodeLabels(shallow, dims, radius - 1); // radius 1: `shallow` itself
  if (sure) for (let v = 0; v < seeds.length; v++) if (seeds[v] === 0 && sure.confidence[v] >= sure.atLeast) seeds[v] = shallow[v];
  if (fixed) for (let v = 0; v < fixed.length; v++) if (fixed[v]) seeds[v] = fixed[v];
  const distance = new Float64Array(labels.length).fill(Infinity); // float64: the heap keys are, and a stale check compares them
  const grown = seeds.slice();
  const heap = new Heap();
  // Only seeds beside a voxel to fill can start a path.
  const plane = nx * ny;
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        if (seeds[v] === 0) continue;
        distance[v] = 0;
        if ((i > 0 && seeds[v - 1] === 0) || (i < nx - 1 && seeds[v + 1] === 0) || (j > 0 && seeds[v - nx] === 0) ||
          (j < ny - 1 && seeds[v + nx] === 0) || (k > 0 && seeds[v - plane] === 0) || (k < nz - 1 && seeds[v + plane] === 0)) {
          heap.push(0, v, seeds[v]);
        }
      }
    }
  }
  const step = (a: number, b: number, axis: number) => {
    let s = 0;
    for (const read of image) {
      const d = read(a) - read(b);
      s += d * d;
    }
    return Math.sqrt(s) + lengthPerMm * spacing[axis];
  };
  const top = { key: 0, cell: 0, source: 0 };
  while (heap.size > 0) {
    heap.pop(top);
    const { key, cell, source } = top;
    if (key > distance[cell]) continue; // a stale entry
    const i = cell % nx, j = Math.floor(cell / nx) % ny, k = Math.floor(cell / plane);
    for (let a = 0; a < 3; a++) {
      const at = a === 0 ? i : a === 1 ? j : k;
      for (let dir = -1; dir <= 1; dir += 2) {
        const p = at + dir;
        if (p < 0 || p >= dims[a]) continue;
        const w = cell + dir * strides[a];
        if (seeds[w] !== 0) continue;
        const next = key + step(cell, w, a);
        if (next < distance[w]) {
          distance[w] = next;
          grown[w] = source;
          heap.push(next, w, source);
        }
      }
    }
  }
  const changed: number[] = [];
  for (let v = 0; v < labels.length; v++) {
    // A voxel no seed reaches (a region eroded away with nothing joined to it) keeps its class.
    if (grown[v] !== 0 && grown[v] !== labels[v]) {
      labels[v] = grown[v];
      changed.push(v);
    }
  }
  return changed;
}
