/**
 * A binary min-heap of (key, cell, source) with lazy deletion, for the Dijkstra passes over a grid: the geodesic
 * inputs (geodesicFeatures.ts) and the snap of a prediction to intensity edges (infer/snapToEdges.ts).
 */
export class Heap {
  keys = new Float64Array(1024);
  cells = new Int32Array(1024);
  sources = new Int32Array(1024);
  size = 0;

  push(key: number, cell: number, source: number): void {
    if (this.size === this.keys.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.keys = grow(this.keys);
      this.cells = grow(this.cells);
      this.sources = grow(this.sources);
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.move(p, i);
      i = p;
    }
    this.put(i, key, cell, source);
  }

  /** Pops the smallest entry into `top`. */
  pop(top: { key: number; cell: number; source: number }): void {
    top.key = this.keys[0];
    top.cell = this.cells[0];
    top.source = this.sources[0];
    const n = --this.size;
    const key = this.keys[n], cell = this.cells[n], source = this.sources[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= key) break;
      this.move(c, i);
      i = c;
    }
    this.put(i, key, cell, source);
  }

  private move(from: number, to: number): void {
    this.put(to, this.keys[from], this.cells[from], this.sources[from]);
  }

  private put(i: number, key: number, cell: number, source: number): void {
    this.keys[i] = key;
    this.cells[i] = cell;
    this.sources[i] = source;
  }
}
