/**
 * Grow from seeds by geodesic distance (the family of Slicer's "Grow from seeds" / FastGrowCut and Cornerstone3D's
 * GrowCut): every voxel takes the class of the scribble it is closest to along a path through the image, where a
 * step costs the intensity change it crosses plus a small length term that breaks ties in flat regions:
 *   cost(v→w) = ‖I_v − I_w‖ + ε · d_vw
 * (channels robustly scaled, d in units of the smallest spacing). Multi-source Dijkstra from every scribbled voxel.
 */
import type { Labelmap, Volume } from '../../../src/volume/Volume';
import { hasForwardNeighbour, robustlyScaledChannels, squaredDifference } from './neighbours';

export interface GeodesicOptions {
  /** Length term ε per voxel step (default 0.01: a path of 100 flat voxels costs as much as a full contrast edge). */
  lengthWeight?: number;
}

/** Distances and the seed class that reached each voxel (0 where none did). */
export interface GeodesicResult {
  distance: Float64Array;
  label: Uint8Array;
}

/** A binary min-heap of (key, voxel) with lazy deletion: stale entries are skipped when popped. */
class MinHeap {
  private keys = new Float64Array(1024);
  private items = new Int32Array(1024);
  size = 0;

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.items[i] = this.items[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }

  /** Removes the smallest entry; returns its item (its key is `lastKey`). */
  lastKey = 0;
  pop(): number {
    const top = this.items[0];
    this.lastKey = this.keys[0];
    const key = this.keys[--this.size];
    const item = this.items[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.items[i] = this.items[child];
      i = child;
    }
    this.keys[i] = key;
    this.items[i] = item;
    return top;
  }
}

/** Geodesic distance from the scribbled voxels (non-zero `seeds`) over `channels` on a grid. */
export function geodesicDistance(
  channels: Float32Array[],
  seeds: Uint8Array,
  dims: [number, number, number],
  spacing: [number, number, number],
  lengthWeight: number,
): GeodesicResult {
  const n = seeds.length;
  const [nx, ny] = dims;
  const strides = [1, nx, nx * ny];
  const minSpacing = Math.min(...spacing);
  const stepLength = spacing.map((s) => s / minSpacing);
  // Float64 like the heap's keys, so a popped key equals the stored distance exactly (stale entries are the larger).
  const distance = new Float64Array(n).fill(Infinity);
  const label = new Uint8Array(n);
  const done = new Uint8Array(n);
  const heap = new MinHeap();
  for (let v = 0; v < n; v++) {
    if (seeds[v] === 0) continue;
    distance[v] = 0;
    label[v] = seeds[v];
    heap.push(0, v);
  }
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v] || heap.lastKey > distance[v]) continue;
    done[v] = 1;
    for (let a = 0; a < 3; a++) {
      const s = strides[a];
      const relax = (w: number) => {
        if (done[w]) return;
        const d = distance[v] + Math.sqrt(squaredDifference(channels, v, w)) + lengthWeight * stepLength[a];
        if (d < distance[w]) {
          distance[w] = d;
          label[w] = label[v];
          heap.push(d, w);
        }
      };
      if (hasForwardNeighbour(v, a as 0 | 1 | 2, dims)) relax(v + s);
      if (v - s >= 0 && hasForwardNeighbour(v - s, a as 0 | 1 | 2, dims)) relax(v - s);
    }
  }
  return { distance, label };
}

/** The baseline: every voxel gets the class of its geodesically nearest scribble. */
export function geodesicGrow(volume: Volume, scribbles: Labelmap, options: GeodesicOptions = {}): Labelmap {
  const { label } = geodesicDistance(robustlyScaledChannels(volume), scribbles.data, volume.dimensions, volume.spacing, options.lengthWeight ?? 0.01);
  const { data: _scribbleData, ...geometry } = scribbles;
  return { ...geometry, data: label };
}
