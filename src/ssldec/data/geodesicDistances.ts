/**
 * The geodesic distances on the coarse cells: the Dijkstra runs of geodesicFeatures.ts, from the cells' mean image
 * and each class's seed cells, as jobs of plain arrays. It reads no voxel and imports nothing but the heap and the
 * strokes' look, so a second thread can run them (setupSchedule.ts: a whole job beside the filter bank, or each
 * measure's classes shared when there is no bank to compute).
 */
import type { Dims } from './extractPatches';
import { Heap } from './heap';
import { strokePosteriors, type LookAdaptation } from './strokePosteriors';

/** Distance stored where no second stroke exists (a class with one stroke): far beyond any real path. */
export const FAR = 1e4;

/** Per class: nearest stroke and its distance, and the distance to the nearest other stroke of the class. */
export interface ClassDistances {
  nearest: Float32Array;
  nearestStroke: Int32Array;
  second: Float32Array;
}

/** What the Dijkstra runs of some classes under one measure read: plain arrays, posted to a worker as they are. */
export interface DistanceJob {
  /** The coarse grid. */
  cdims: Dims;
  /** Per image channel, each cell's mean (normalised, about 0..1). */
  means: Float32Array[];
  /** The length term of a step along each axis (ε times the cell's edge in mm, times φ along the strokes' slice axis). */
  stepLength: number[];
  /**
   * Per class, its seed cells and their stroke ids as pairs (cell, id, cell, id, ...), in the order the strokes were
   * found: the order seeds enter the heap, so every run breaks ties alike.
   */
  seeds: Int32Array[];
  /** The class barrier: β and, per class of `seeds`, each cell's posterior. Absent: the plain measure. */
  barrier?: { weight: number; posteriors: Float32Array[] };
}

/** Every distance of a volume: both measures of every class, and what the barrier's looks need. */
export interface GeodesicJob extends Omit<DistanceJob, 'barrier'> {
  /** β of the inputs' class barrier (0: the plain measure only). */
  classBarrier: number;
  /** α of the barrier's look adaptation (0: the strokes' look alone). */
  lookAdaptation: number;
}

export interface GeodesicJobResult {
  /** Per class, the inputs' measure: with the class barrier where β > 0, else the plain one. */
  inputs: ClassDistances[];
  /** Per class, the plain measure, where it was measured besides the inputs' (the looks adapt by it). */
  plain?: ClassDistances[];
}

/** Cells of a job's coarse grid. */
export const cellCount = ({ cdims }: Pick<DistanceJob, 'cdims'>): number => cdims[0] * cdims[1] * cdims[2];

/** Per class of the job, the two-nearest distances under its measure (`scratch`: reused arrays for this grid). */
export function measureDistances(job: DistanceJob, scratch = new DijkstraScratch(cellCount(job))): ClassDistances[] {
  const { cdims, means, stepLength, barrier } = job;
  const cells = cellCount(job);
  const stepCost = (a: number, b: number, axis: number) => {
    let s = 0;
    for (let ch = 0; ch < means.length; ch++) {
      const d = means[ch][a] - means[ch][b];
      s += d * d;
    }
    return Math.sqrt(s) + stepLength[axis];
  };
  return job.seeds.map((pairs, j) => {
    const seeds = new Map<number, number>();
    for (let p = 0; p < pairs.length; p += 2) seeds.set(pairs[p], pairs[p + 1]);
    if (!barrier) return twoNearestSources(cells, cdims, seeds, stepCost, scratch);
    const { weight, posteriors: { [j]: q } } = barrier;
    return twoNearestSources(cells, cdims, seeds, (a, b, axis) => stepCost(a, b, axis) + weight * Math.abs(q[a] - q[b]), scratch);
  });
}

/** Per class, how much each cell looks like its strokes (the barrier's posteriors), adapted by the plain measure. */
export function barrierPosteriors(job: GeodesicJob, plain: ClassDistances[] | undefined): Float32Array[] {
  const cells = cellCount(job);
  const scale = plain && distanceScale(plain, cells);
  const adaptation: LookAdaptation | undefined = plain && {
    weight: job.lookAdaptation,
    nearness: plain.map((d) => Float32Array.from(d.nearest, (x) => Math.exp(-x / scale!))),
  };
  const strokeCells = job.seeds.map((pairs) => pairs.filter((_, p) => p % 2 === 0));
  return strokePosteriors(job.means, strokeCells, cells, adaptation);
}

/**
 * A job's measures in the order they run: the plain one first when the looks adapt by it (else the prior asks for
 * it when it needs it), then the barred one, with the looks' posteriors computed between the two. It yields each
 * measure's DistanceJob and takes back its distances, so that one plan serves a job run whole (runGeodesicJob) and
 * one whose classes are shared between two threads (setupSchedule.ts, shareGeodesicJob).
 */
export function* geodesicJobMeasures(job: GeodesicJob): Generator<DistanceJob, GeodesicJobResult, ClassDistances[]> {
  const { classBarrier, lookAdaptation, ...measured } = job;
  if (!(classBarrier > 0)) return { inputs: yield measured };
  const plain = lookAdaptation > 0 ? yield measured : undefined;
  const inputs = yield { ...measured, barrier: { weight: classBarrier, posteriors: barrierPosteriors(job, plain) } };
  return plain ? { inputs, plain } : { inputs };
}

/** The job's distances (see GeodesicJobResult), on this thread (`scratch`: reused arrays for this grid). */
export function runGeodesicJob(job: GeodesicJob, scratch = new DijkstraScratch(cellCount(job))): GeodesicJobResult {
  const measures = geodesicJobMeasures(job);
  let step = measures.next();
  while (!step.done) step = measures.next(measureDistances(step.value, scratch));
  return step.value;
}

/** The buffers of some distances, to transfer rather than copy them back from a worker. */
export function distanceBuffers(classes: ClassDistances[]): ArrayBuffer[] {
  return classes.flatMap((d) => [d.nearest, d.nearestStroke, d.second].map((a) => a.buffer as ArrayBuffer));
}

/** Median over cells of the distance to the nearest scribble of any class. */
export function distanceScale(classes: ClassDistances[], cells: number): number {
  const nearestAny = new Float32Array(cells).fill(FAR);
  for (const d of classes) for (let c = 0; c < cells; c++) if (d.nearest[c] < nearestAny[c]) nearestAny[c] = d.nearest[c];
  return Math.max(upperMedian(nearestAny), 1e-3);
}

/**
 * The value at index ⌊n/2⌋ of `values` sorted, by selection (Hoare's quickselect, reordering `values`): a set-up
 * takes three such medians of its cells, and sorting 462 k of them took 44 ms each.
 */
export function upperMedian(values: Float32Array): number {
  const at = Math.floor(values.length / 2);
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi], and every value between j and i equals the pivot.
    if (at <= j) hi = j;
    else if (at >= i) lo = i;
    else return values[at];
  }
  return values[at];
}

/**
 * The arrays a two-nearest run works in, reset and reused by the runs of one job: new ones for each of its eight runs
 * would be about 10 MB of garbage each on the FS crop's 462 k cells.
 */
export class DijkstraScratch {
  readonly settled: Uint8Array;
  /**
   * Best tentative distance of each cell, its source, and the best from any other source: a step that improves
   * neither cannot change the cell's two distances, so it is never queued (ties included: they leave the values).
   */
  readonly best: Float64Array;
  readonly bestSource: Int32Array;
  readonly bestOther: Float64Array;
  readonly heap = new Heap();

  constructor(readonly cells: number) {
    this.settled = new Uint8Array(cells);
    this.best = new Float64Array(cells);
    this.bestSource = new Int32Array(cells);
    this.bestOther = new Float64Array(cells);
  }

  /** As new, for the next run. */
  reset(): this {
    this.settled.fill(0);
    this.best.fill(Infinity);
    this.bestSource.fill(0);
    this.bestOther.fill(Infinity);
    this.heap.size = 0;
    return this;
  }
}

/**
 * Two-nearest-sources geodesic distance on a grid: for every cell, the nearest seed's source id and distance, and
 * the distance to the nearest seed of a different source. A cell settles at most twice (once per distinct source),
 * so this costs about two Dijkstra runs.
 * @param seeds cell → source id (> 0).
 * @param stepCost cost of the step from cell a to its neighbour b along axis `axis`.
 */
export function twoNearestSources(n: number, dims: Dims, seeds: Map<number, number>,
  stepCost: (a: number, b: number, axis: number) => number, scratch = new DijkstraScratch(n)): ClassDistances {
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  const nearest = new Float32Array(n).fill(FAR);
  const second = new Float32Array(n).fill(FAR);
  const nearestStroke = new Int32Array(n);
  const { settled, best, bestSource, bestOther, heap } = scratch.reset();
  const offer = (w: number, key: number, source: number): boolean => {
    if (source === bestSource[w]) {
      if (!(key < best[w])) return false;
      best[w] = key;
    } else if (key < best[w]) {
      bestOther[w] = best[w];
      best[w] = key;
      bestSource[w] = source;
    } else if (key < bestOther[w]) {
      bestOther[w] = key;
    } else {
      return false;
    }
    return true;
  };
  for (const [cell, source] of seeds) if (offer(cell, 0, source)) heap.push(0, cell, source);
  const top = { key: 0, cell: 0, source: 0 };
  while (heap.size > 0) {
    heap.pop(top);
    const { key, cell, source } = top;
    if (settled[cell] === 2 || (settled[cell] === 1 && nearestStroke[cell] === source)) continue;
    if (settled[cell] === 0) {
      nearest[cell] = key;
      nearestStroke[cell] = source;
    } else {
      second[cell] = key;
    }
    settled[cell]++;
    // Six face neighbours, without allocating (this loop runs a few million times per volume).
    const i = cell % nx;
    const j = Math.floor(cell / nx) % ny;
    const k = Math.floor(cell / (nx * ny));
    for (let a = 0; a < 3; a++) {
      const p = a === 0 ? i : a === 1 ? j : k;
      for (let dir = -1; dir <= 1; dir += 2) {
        if (p + dir < 0 || p + dir >= dims[a]) continue;
        const w = cell + dir * strides[a];
        if (settled[w] === 2 || (settled[w] === 1 && nearestStroke[w] === source)) continue;
        const next = key + stepCost(cell, w, a);
        if (offer(w, next, source)) heap.push(next, w, source);
      }
    }
  }
  void nz;
  return { nearest, nearestStroke, second };
}
