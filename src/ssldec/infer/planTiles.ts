/**
 * Splits a volume into equal inference tiles so that no forward pass holds more than a bounded number of voxels.
 * Each tile's input is its output region grown by a halo of the network's receptive radius, so predictions do not
 * depend on the tiling. 2D/2.5D models tile each slice in-plane; 3D models tile in all three axes.
 */
import type { Dims, PatchBox } from '../data/extractPatches';

/** A tile: the input box (with halo) and where its output region starts inside it. */
export interface Tile {
  input: PatchBox;
  /** Output region size [si, sj, sk] and its offset inside the input box [oi, oj, ok]. */
  out: { i0: number; j0: number; k0: number; si: number; sj: number; sk: number };
  offset: [number, number, number];
}

export interface TilePlan {
  tiles: Tile[];
  /** Tiles per forward pass. */
  batch: number;
}

function starts(n: number, size: number): number[] {
  const s: number[] = [];
  for (let a = 0; a < n; a += size) s.push(Math.min(a, n - size));
  return s;
}

/**
 * @param dims volume [columns, rows, slices].
 * @param halo receptive radius in voxels.
 * @param is3d tile along k too.
 * @param maxVoxels bound on input voxels (halo included) per forward pass.
 */
export function planTiles(dims: Dims, halo: number, is3d: boolean, maxVoxels: number): TilePlan {
  const [nx, ny, nz] = dims;
  const axes = is3d ? 3 : 2;
  const edge = Math.max(1, Math.floor(Math.pow(maxVoxels, 1 / axes)) - 2 * halo);
  const si = Math.min(nx, edge);
  const sj = Math.min(ny, edge);
  const sk = is3d ? Math.min(nz, edge) : 1;
  const hk = is3d ? halo : 0;
  const tiles: Tile[] = [];
  for (const k0 of starts(nz, sk)) {
    for (const j0 of starts(ny, sj)) {
      for (const i0 of starts(nx, si)) {
        tiles.push({
          input: { i0: i0 - halo, j0: j0 - halo, k0: k0 - hk, si: si + 2 * halo, sj: sj + 2 * halo, sk: sk + 2 * hk },
          out: { i0, j0, k0, si, sj, sk },
          offset: [halo, halo, hk],
        });
      }
    }
  }
  // 2D kinds: box k0 is the centre slice and input depth is one slice (the stack is added by extractInput).
  if (!is3d) for (const t of tiles) { t.input.k0 = t.out.k0; t.input.sk = 1; }
  const perTile = tiles[0].input.si * tiles[0].input.sj * tiles[0].input.sk;
  return { tiles, batch: Math.max(1, Math.floor(maxVoxels / perTile)) };
}
