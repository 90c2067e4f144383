/**
 * A generated three-class phantom for engine tests: background (1), a sphere-ish "grey" shell (2) and a "white"
 * core (3), with Gaussian noise and a smooth multiplicative bias field, plus scribbles on chosen slices.
 */
import type { Labelmap, Volume } from '../../../../src/volume/Volume';

export interface Phantom {
  volume: Volume;
  truth: Labelmap;
  scribbles: Labelmap;
}

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param dims [columns, rows, slices]
 * @param scribbleSlices slice indices k that get scribbles (a short stroke per class, inside each class)
 * @param noise noise standard deviation (class means are 20, 60, 100)
 */
export function makePhantom(dims: [number, number, number], scribbleSlices: number[], noise = 8, seed = 7): Phantom {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const rand = mulberry(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const image = new Float32Array(n);
  const truth = new Uint8Array(n);
  const means = [0, 20, 60, 100];
  const cx = (nx - 1) / 2, cy = (ny - 1) / 2, cz = (nz - 1) / 2;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const x = (i - cx) / (nx / 2), y = (j - cy) / (ny / 2), z = (k - cz) / (nz / 2);
    // Wavy radius so the boundary is not a plain sphere.
    const r = Math.sqrt(x * x + y * y + z * z) * (1 + 0.08 * Math.sin(5 * Math.atan2(y, x)));
    const cls = r < 0.45 ? 3 : r < 0.75 ? 2 : 1;
    const idx = i + j * nx + k * nx * ny;
    truth[idx] = cls;
    const bias = 1 + 0.15 * x - 0.1 * y + 0.05 * z;
    image[idx] = means[cls] * bias + noise * gauss();
  }
  const scribbles = new Uint8Array(n);
  for (const k of scribbleSlices) {
    // Along the centre row: every voxel whose row neighbours share its class (a stroke per class, off the
    // boundaries), thinned to two of every three voxels; plus a background stroke along row 1.
    const j = Math.round(cy);
    for (let i = 1; i + 1 < nx; i++) {
      const idx = i + j * nx + k * nx * ny;
      if (truth[idx] === truth[idx - 1] && truth[idx] === truth[idx + 1] && (i + k) % 3 !== 0) scribbles[idx] = truth[idx];
      const top = i + nx + k * nx * ny;
      if (truth[top] === 1 && i % 3 !== 0) scribbles[top] = 1;
    }
  }
  const geometry = {
    dimensions: dims, spacing: [1, 1, 2] as [number, number, number], origin: [0, 0, 0] as [number, number, number],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as [number, number, number, number, number, number, number, number, number],
  };
  return {
    volume: { ...geometry, channels: [image] },
    truth: { ...geometry, data: truth },
    scribbles: { ...geometry, data: scribbles },
  };
}

/** Dice of class `value` between a prediction and the truth. */
export function dice(pred: Uint8Array, truth: Uint8Array, value: number): number {
  let inter = 0, a = 0, b = 0;
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i] === value, t = truth[i] === value;
    if (p) a++;
    if (t) b++;
    if (p && t) inter++;
  }
  return a + b === 0 ? 1 : (2 * inter) / (a + b);
}

/** The phantom's volume shifted into Hounsfield-like values (its first row air, −1000), so the engine picks the CT windows by itself. */
export function asHounsfield(phantom: Phantom): Volume {
  const hu = phantom.volume.channels[0].map((v) => v * 3 - 100);
  for (let i = 0; i < phantom.volume.dimensions[0]; i++) hu[i] = -1000;
  return { ...phantom.volume, channels: [hu] };
}
