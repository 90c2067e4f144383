/**
 * Geodesic distance to each class's scribbles as network inputs: how far a voxel is from the class's strokes along
 * a path through the image, where a step costs the intensity change it crosses plus a small length term
 * (cost = ‖ΔI‖ + ε·mm, the measure of Slicer's "Grow from seeds"; ε: lengthPerMmOf). Distances are computed on a
 * coarse grid (cells of about COARSE_MM) by Dijkstra and read with trilinear interpolation, so a large CT costs a few MB.
 *
 * Scribble dropout: a scribbled voxel's distance to its own class is 0 by construction, so a network trained on it
 * would learn "distance 0 means this class" and nothing else. For scribbled voxels during training, the own-class
 * input is the distance to the class's OTHER strokes (leave one stroke out): a two-nearest-sources Dijkstra keeps,
 * per cell, the nearest stroke, its distance and the distance to the nearest different stroke. A "stroke" is a
 * connected piece of no more than a few cm (cutLargeStrokes, splitLoneStrokes), so that a painted region reads what
 * a voxel beside it reads.
 * Inputs are exp(−d / scale), 1 at a stroke and towards 0 far away, with scale the median over the volume of the
 * distance to the nearest scribble of any class, so they compare across images and contrasts.
 * Class barrier (β > 0): the inputs' step cost for class j adds β·|Δp_j|, p_j how much a cell looks like class j's
 * strokes (strokePosteriors.ts), so a path pays for leaving what looks like the class and for coming back even where
 * the intensity step is small (a disc between two vertebrae). The geodesic prior keeps the plain measure
 * (`forPrior`): with the barrier in the prior too, the FS brain's cortex, a thin ribbon whose look changes across
 * partial volume, went to the background (GM 0.856 → 0.755, seeds 1–3). With look adaptation (α > 0) each class's
 * look is first widened to the cells near its strokes (strokePosteriors.ts): a class's strokes touch a few hundred
 * cells and can miss part of its look, and a path that stays inside the class then pays the barrier.
 * Slice axis (φ < 1): where every stroke lies on a slice of one axis (strokeSliceAxis), a step along that axis pays
 * φ·ε per mm. A clinician saw the whole slice a stroke lies on and chose where to stroke in it, but not the slices
 * between the stroked ones: millimetres across slices are a gap in sampling, not evidence against the class. Inputs
 * and prior alike.
 */
import type { Dims } from './extractPatches';
import type { InputSpec } from './InputSpec';
import { distanceScale, measureDistances, runGeodesicJob, type ClassDistances, type GeodesicJob, type GeodesicJobResult } from './geodesicDistances';
import { trilinearAxes, type TrilinearAxis } from './trilinearAxes';

/** Target coarse cell edge (mm). */
export const COARSE_MM = 2;
/** Most coarse cells; the cells grow when a volume has more. */
const MAX_CELLS = 600_000;
/**
 * Length term per mm where a model does not set `geodesicLengthPerMm` (artefacts before version 8), and the presets'
 * value: 100 mm of flat tissue cost as much as crossing the full contrast range once.
 */
export const DEFAULT_LENGTH_PER_MM = 0.01;

/** The length term ε a model's geodesic measure uses (inputs, prior and the snap to edges alike). */
export function lengthPerMmOf(spec: Pick<InputSpec, 'geodesicLengthPerMm'>): number {
  return spec.geodesicLengthPerMm ?? DEFAULT_LENGTH_PER_MM;
}
export interface GeodesicFeatures {
  coarseDims: Dims;
  block: [number, number, number];
  /** Per fine axis, where each voxel's trilinear corners and weights lie on the coarse grid (trilinearAxes). */
  axes: TrilinearAxis[];
  /** One per class (index 0..K-1). */
  classes: ClassDistances[];
  /** Distance scale (median distance to the nearest scribble of any class). */
  scale: number;
  /**
   * For training: stroke id of each scribbled fine voxel (flat index → id). A voxel listed here reads its own
   * class's distance from the other strokes. Absent at inference.
   */
  strokeOf?: Map<number, number>;
  /** Fine labels (1..K) of the scribbles, with strokeOf. */
  scribbles?: Uint8Array;
  /**
   * The plain measure's distances, for the geodesic prior, where the inputs' measure adds a class barrier (measured
   * on first read: a run whose prior is off never pays for them).
   */
  readonly forPrior?: GeodesicFeatures;
}

/** (i, j, k) of a flat voxel index. */
function voxelCoords(v: number, [nx, ny]: Dims): [number, number, number] {
  return [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
}

/**
 * Connected components (26-neighbourhood) of each class's scribbles: flat index → stroke id (1, 2, ... over all
 * classes). Only scribbled voxels are visited.
 */
export function labelStrokes(scribbles: Uint8Array, dims: Dims): Map<number, number> {
  const [nx, ny, nz] = dims;
  const strokeOf = new Map<number, number>();
  let next = 0;
  const queue: number[] = [];
  for (let v = 0; v < scribbles.length; v++) {
    if (scribbles[v] === 0 || strokeOf.has(v)) continue;
    const cls = scribbles[v];
    const id = ++next;
    strokeOf.set(v, id);
    queue.length = 0;
    queue.push(v);
    while (queue.length) {
      const u = queue.pop()!;
      const [i, j, k] = voxelCoords(u, dims);
      for (let dk = -1; dk <= 1; dk++) {
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            const a = i + di, b = j + dj, c = k + dk;
            if (a < 0 || a >= nx || b < 0 || b >= ny || c < 0 || c >= nz) continue;
            const w = a + b * nx + c * nx * ny;
            if (scribbles[w] !== cls || strokeOf.has(w)) continue;
            strokeOf.set(w, id);
            queue.push(w);
          }
        }
      }
    }
  }
  return strokeOf;
}

/** A stroke longer than this (mm, along any axis) is cut into pieces (cutLargeStrokes). */
export const MAX_STROKE_MM = 32;
/** Edge of the pieces a large stroke is cut into (mm): about a short stroke's length. */
export const PIECE_MM = 16;

/**
 * A painted region (a structure filled on a slice, or one long stroke) is one connected stroke, so leaving it out
 * gives its voxels the distance to the class's strokes on OTHER slices, while the unlabelled voxels beside it read
 * about 0 at inference: the network learns that its own class lies far from its strokes (FS brain with its three
 * slices filled: GM 0.20–0.46, where strokes on the same slices give 0.8). Cut into PIECE_MM cubes (from the stroke's
 * lowest corner), each piece reads its distance from the neighbouring pieces, as a voxel beside the painting does
 * (GM 0.88). Strokes within MAX_STROKE_MM are kept whole: most of the bench's simulated strokes (8–16 pixels) are.
 * Returns `strokeOf`, changed in place.
 */
export function cutLargeStrokes(strokeOf: Map<number, number>, dims: Dims, spacing: [number, number, number]): Map<number, number> {
  // Bounding box (lowest and highest voxel coordinates) of each stroke.
  const box = new Map<number, { lo: number[]; hi: number[] }>();
  let maxId = 0;
  for (const [v, id] of strokeOf) {
    const c = voxelCoords(v, dims);
    const b = box.get(id);
    if (!b) {
      box.set(id, { lo: [...c], hi: [...c] });
    } else {
      for (let a = 0; a < 3; a++) {
        if (c[a] < b.lo[a]) b.lo[a] = c[a];
        if (c[a] > b.hi[a]) b.hi[a] = c[a];
      }
    }
    maxId = Math.max(maxId, id);
  }
  const large = new Set<number>();
  for (const [id, { lo, hi }] of box) if ([0, 1, 2].some((a) => (hi[a] - lo[a] + 1) * spacing[a] > MAX_STROKE_MM)) large.add(id);
  if (large.size === 0) return strokeOf;
  const pieceId = new Map<number, number>();
  for (const [v, id] of strokeOf) {
    if (!large.has(id)) continue;
    const c = voxelCoords(v, dims), l = box.get(id)!.lo;
    const tile = (a: number) => Math.floor(((c[a] - l[a]) * spacing[a]) / PIECE_MM);
    const key = ((id * 1024 + tile(2)) * 1024 + tile(1)) * 1024 + tile(0); // < 2^53 for any real stroke count
    let piece = pieceId.get(key);
    if (piece === undefined) pieceId.set(key, (piece = ++maxId));
    strokeOf.set(v, piece);
  }
  return strokeOf;
}

/** A class drawn as fewer strokes than this has each of them cut in two (splitLoneStrokes). */
export const FEW_STROKES = 3;

/**
 * A class drawn as one stroke has no other stroke to leave in: its scribbled voxels would train with own-class
 * distance "far" while the voxels beside them read "near", and the net learns the opposite of the geodesic cue (bench,
 * 1 slice × 1 stroke: FS brain 0.28–0.31 with geodesic inputs against 0.35–0.39 without). Two strokes fail alike when
 * they lie far apart: a structure on both sides of the brain, painted on adjacent slices, makes one 26-connected
 * stroke per side, and each side's left-out distance is the way across the brain (hippocampus: 1.87 in units of s
 * against 0.12 for its unscribbled voxels on the same slices; the network then learned that signature and predicted
 * its strokes and nothing else). So every stroke of a class with fewer than FEW_STROKES strokes is cut in two at the
 * median of its longest extent, and each half reads its distance from the other, as an unlabelled voxel beside the
 * stroke does at inference. Returns `strokeOf`, changed in place.
 */
export function splitLoneStrokes(strokeOf: Map<number, number>, scribbles: Uint8Array, dims: Dims): Map<number, number> {
  const coords = (v: number) => voxelCoords(v, dims);
  const strokesOfClass = new Map<number, Set<number>>();
  let maxId = 0;
  for (const [v, id] of strokeOf) {
    const cls = scribbles[v];
    if (!strokesOfClass.has(cls)) strokesOfClass.set(cls, new Set());
    strokesOfClass.get(cls)!.add(id);
    maxId = Math.max(maxId, id);
  }
  for (const ids of strokesOfClass.values()) {
    if (ids.size >= FEW_STROKES) continue;
    for (const id of ids) maxId = cutInTwo(strokeOf, id, coords, maxId);
  }
  return strokeOf;
}

/** Cuts stroke `id` in two at the median of its longest extent (the second half gets maxId + 1); returns the new maxId. */
function cutInTwo(strokeOf: Map<number, number>, id: number, coords: (v: number) => [number, number, number], maxId: number): number {
  const members = [...strokeOf].filter(([, s]) => s === id).map(([v]) => v);
  const at = members.map(coords);
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (const c of at) {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], c[a]);
      hi[a] = Math.max(hi[a], c[a]);
    }
  }
  const axis = [0, 1, 2].reduce((best, a) => (hi[a] - lo[a] > hi[best] - lo[best] ? a : best), 0);
  if (hi[axis] === lo[axis]) return maxId; // a single voxel column: nothing to cut
  const along = at.map((c) => c[axis]).sort((a, b) => a - b);
  // The second half starts at the median coordinate (one past it when the median is the first coordinate).
  const median = along[Math.floor(along.length / 2)];
  const cut = median > lo[axis] ? median : median + 1;
  const half = maxId + 1;
  members.forEach((v, m) => {
    if (at[m][axis] >= cut) strokeOf.set(v, half);
  });
  return half;
}

/** Face-adjacent pairs of same-class scribbled voxels along an axis, below this share of the next-fewest axis's: no stroke crosses it. */
const ACROSS_SLICES_SHARE = 0.1;

/**
 * The axis (0 i, 1 j, 2 k) that the strokes were painted across: each stroke lies on one slice of it, so
 * same-class scribbled voxels are face neighbours along it nowhere (or at a few spots where strokes on adjacent slices
 * overlap), while along the other two they are neighbours all along the strokes. −1 when no axis is clearly so:
 * strokes painted in two views, with a 3D brush, or only dots or lines along one axis.
 */
export function strokeSliceAxis(scribbles: Uint8Array, dims: Dims): number {
  const [nx, ny, nz] = dims;
  const pairs = [0, 0, 0];
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        const c = scribbles[v];
        if (c === 0) continue;
        if (i + 1 < nx && scribbles[v + 1] === c) pairs[0]++;
        if (j + 1 < ny && scribbles[v + nx] === c) pairs[1]++;
        if (k + 1 < nz && scribbles[v + nx * ny] === c) pairs[2]++;
      }
    }
  }
  const order = [0, 1, 2].sort((a, b) => pairs[a] - pairs[b]);
  return pairs[order[1]] > 0 && pairs[order[0]] <= ACROSS_SLICES_SHARE * pairs[order[1]] ? order[0] : -1;
}

/** Coarse block size per axis: cells of about COARSE_MM, grown until at most MAX_CELLS. */
export function coarseBlock(dims: Dims, spacing: [number, number, number]): [number, number, number] {
  for (let mm = COARSE_MM; ; mm *= 1.25) {
    const block = spacing.map((s, a) => Math.max(1, Math.min(dims[a], Math.round(mm / Math.max(s, 1e-6))))) as [number, number, number];
    const cells = dims.reduce((p, d, a) => p * Math.ceil(d / block[a]), 1);
    if (cells <= MAX_CELLS) return block;
  }
}

/** A volume's geodesic features before their Dijkstra runs: the job for them, and how their result becomes features. */
export interface PreparedGeodesic {
  job: GeodesicJob;
  features(result: GeodesicJobResult): GeodesicFeatures;
}

/** Geodesic features of a volume, on this thread (parameters: prepareGeodesicFeatures). */
export function computeGeodesicFeatures(...args: Parameters<typeof prepareGeodesicFeatures>): GeodesicFeatures {
  const prepared = prepareGeodesicFeatures(...args);
  return prepared.features(runGeodesicJob(prepared.job));
}

/**
 * What computing a volume's geodesic features reads of its voxels (the cells' means, the strokes and their seed
 * cells), leaving the Dijkstra runs as a job a second thread can take (geodesicDistances.ts).
 * @param read normalised image channels (`read(ch, v)`, about 0..1).
 * @param scribbles fine labels 0..K.
 * @param forTraining keep the stroke ids so scribbled voxels read leave-one-stroke-out distances.
 * @param lengthPerMm the step cost's length term ε per mm.
 * @param classBarrier β of the inputs' class barrier (0: none; the prior's distances are then the inputs').
 * @param sliceAxisFactor φ, the length term's factor along the strokes' slice axis (1: none).
 * @param lookAdaptation α of the barrier's look adaptation (0: the strokes' look alone).
 */
export function prepareGeodesicFeatures(channelCount: number, read: (ch: number, v: number) => number, dims: Dims,
  spacing: [number, number, number], scribbles: Uint8Array, numClasses: number, forTraining: boolean,
  lengthPerMm = DEFAULT_LENGTH_PER_MM, classBarrier = 0, sliceAxisFactor = 1, lookAdaptation = 0): PreparedGeodesic {
  const [nx, ny, nz] = dims;
  const block = coarseBlock(dims, spacing);
  const cdims = dims.map((d, a) => Math.ceil(d / block[a])) as Dims;
  const [cx, cy] = cdims;
  const cells = cdims[0] * cdims[1] * cdims[2];
  const cellOf = (i: number, j: number, k: number) =>
    Math.floor(i / block[0]) + Math.floor(j / block[1]) * cx + Math.floor(k / block[2]) * cx * cy;
  // Block means of the image channels (the cell of each column, row and slice precomputed: this visits every voxel).
  const means = Array.from({ length: channelCount }, () => new Float32Array(cells));
  const count = new Uint32Array(cells);
  const cellI = Int32Array.from({ length: nx }, (_, i) => Math.floor(i / block[0]));
  for (let k = 0, v = 0; k < nz; k++) {
    const cellK = Math.floor(k / block[2]) * cx * cy;
    for (let j = 0; j < ny; j++) {
      const cellJK = Math.floor(j / block[1]) * cx + cellK;
      for (let i = 0; i < nx; i++, v++) {
        const c = cellI[i] + cellJK;
        count[c]++;
        for (let ch = 0; ch < channelCount; ch++) means[ch][c] += read(ch, v);
      }
    }
  }
  for (const m of means) for (let c = 0; c < cells; c++) m[c] /= count[c];
  const sliceAxis = sliceAxisFactor === 1 ? -1 : strokeSliceAxis(scribbles, dims);
  const stepLength = block.map((b, a) => lengthPerMm * b * spacing[a] * (a === sliceAxis ? sliceAxisFactor : 1));
  const strokeOf = splitLoneStrokes(cutLargeStrokes(labelStrokes(scribbles, dims), dims, spacing), scribbles, dims);
  // Per class, each seed cell once, with the first stroke found in it.
  const seeds = Array.from({ length: numClasses }, () => new Map<number, number>());
  for (const [v, id] of strokeOf) {
    const c = cellOf(...voxelCoords(v, dims));
    const classSeeds = seeds[scribbles[v] - 1];
    if (classSeeds && !classSeeds.has(c)) classSeeds.set(c, id);
  }
  const job: GeodesicJob = {
    cdims, means, stepLength, classBarrier, lookAdaptation,
    seeds: seeds.map((s) => Int32Array.from([...s].flat())),
  };
  const axes = trilinearAxes(dims, block, cdims);
  const featuresOf = (classes: ClassDistances[]): GeodesicFeatures =>
    ({ coarseDims: cdims, block, axes, classes, scale: distanceScale(classes, cells), ...(forTraining ? { strokeOf, scribbles } : {}) });
  return {
    job,
    features(result) {
      if (!(classBarrier > 0)) return featuresOf(result.inputs);
      // The prior's plain measure: the job's where the looks adapted by it, else measured when the prior first asks
      // (never without a background class).
      let plain = result.plain && featuresOf(result.plain);
      return { ...featuresOf(result.inputs), get forPrior() { return (plain ??= featuresOf(measureDistances(job))); } };
    },
  };
}

/**
 * Writes the K geodesic distances of fine voxel (i, j, k) (flat index v) at out[o...] in units of `g.scale`; returns
 * the next o. A scribbled voxel of a training source reads its own class's distance from the other strokes of the class.
 * Runs for every voxel of every inference tile, twice (inputs and prior): the corners and weights are locals, read
 * from the axes' tables.
 */
export function writeGeodesicDistances(g: GeodesicFeatures, i: number, j: number, k: number, v: number, out: Float32Array | Float64Array, o: number): number {
  const [cx, cy] = g.coarseDims;
  const [X, Y, Z] = g.axes;
  const a0 = X.lo[i], a1 = X.hi[i], wa0 = X.w0[i], wa1 = X.w1[i];
  const b0 = Y.lo[j] * cx, b1 = Y.hi[j] * cx, wb0 = Y.w0[j], wb1 = Y.w1[j];
  const c0 = Z.lo[k] * cx * cy, c1 = Z.hi[k] * cx * cy, wc0 = Z.w0[k], wc1 = Z.w1[k];
  // The eight corners, i fastest, and their weights.
  const n0 = a0 + b0 + c0, n1 = a1 + b0 + c0, n2 = a0 + b1 + c0, n3 = a1 + b1 + c0;
  const n4 = a0 + b0 + c1, n5 = a1 + b0 + c1, n6 = a0 + b1 + c1, n7 = a1 + b1 + c1;
  const w0 = wa0 * wb0 * wc0, w1 = wa1 * wb0 * wc0, w2 = wa0 * wb1 * wc0, w3 = wa1 * wb1 * wc0;
  const w4 = wa0 * wb0 * wc1, w5 = wa1 * wb0 * wc1, w6 = wa0 * wb1 * wc1, w7 = wa1 * wb1 * wc1;
  const stroke = g.strokeOf && g.scribbles && g.scribbles[v] ? g.strokeOf.get(v) ?? 0 : 0;
  const ownClass = stroke ? g.scribbles![v] - 1 : -1;
  for (let cls = 0; cls < g.classes.length; cls++) {
    const { nearest, nearestStroke, second } = g.classes[cls];
    let s: number;
    if (cls === ownClass) {
      // Leave this voxel's own stroke out: where it is the nearest stroke, the next one's distance counts.
      const at = (cell: number) => (nearestStroke[cell] === stroke ? second[cell] : nearest[cell]);
      s = w0 * at(n0) + w1 * at(n1) + w2 * at(n2) + w3 * at(n3) + w4 * at(n4) + w5 * at(n5) + w6 * at(n6) + w7 * at(n7);
    } else {
      s = w0 * nearest[n0] + w1 * nearest[n1] + w2 * nearest[n2] + w3 * nearest[n3] +
        w4 * nearest[n4] + w5 * nearest[n5] + w6 * nearest[n6] + w7 * nearest[n7];
    }
    out[o++] = s / g.scale;
  }
  return o;
}

/** Writes the K geodesic inputs exp(−d / scale) of fine voxel (i, j, k) at out[o...]; returns the next o. */
export function writeGeodesic(g: GeodesicFeatures, i: number, j: number, k: number, v: number, out: Float32Array, o: number): number {
  const end = writeGeodesicDistances(g, i, j, k, v, out, o);
  for (let m = o; m < end; m++) out[m] = Math.exp(-out[m]);
  return end;
}

