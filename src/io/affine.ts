import type { Geometry } from '../volume/Volume';

/**
 * A 4x4 homogeneous voxel-to-world matrix, row-major (16 numbers): world = M * [i, j, k, 1].
 * NIfTI and FreeSurfer store it in RAS+ (x right, y anterior, z superior); DICOM and our {@link Geometry}
 * use LPS+ (x left, y posterior, z superior). The two differ by negating x and y.
 */
export type Affine4 = number[];

/** Negates the x and y rows: converts an affine between RAS and LPS (the conversion is its own inverse). */
export function flipXY(m: Affine4): Affine4 {
  return m.map((v, index) => (index < 8 ? -v : v));
}

/**
 * Geometry of a volume whose voxels map to RAS through `rasAffine`. Spacing is each column's length and
 * direction the unit column, so shear (rare, never in scanner output) is not represented.
 * @throws Error when a column has zero length (degenerate affine).
 */
export function geometryFromRasAffine(rasAffine: Affine4, dimensions: [number, number, number]): Geometry {
  const m = flipXY(rasAffine);
  const spacing: number[] = [];
  const direction: number[] = [];
  for (let c = 0; c < 3; c++) {
    const column = [m[c], m[4 + c], m[8 + c]];
    const length = Math.hypot(column[0], column[1], column[2]);
    if (!(length > 0)) {
      throw new Error(`voxel-to-world affine column ${c} has length ${length}; expected a positive voxel size`);
    }
    spacing.push(length);
    // `+ 0` turns -0 (from negating zeros) into 0, so geometry compares and prints cleanly.
    direction.push(column[0] / length + 0, column[1] / length + 0, column[2] / length + 0);
  }
  return {
    dimensions: [...dimensions],
    spacing: spacing as Geometry['spacing'],
    origin: [m[3] + 0, m[7] + 0, m[11] + 0],
    direction: direction as Geometry['direction'],
  };
}

/** The RAS voxel-to-world affine of a geometry (the inverse of {@link geometryFromRasAffine}). */
export function rasAffineFromGeometry(g: Geometry): Affine4 {
  const m: Affine4 = new Array(16).fill(0);
  for (let c = 0; c < 3; c++) {
    for (let r = 0; r < 3; r++) m[4 * r + c] = g.direction[3 * c + r] * g.spacing[c];
  }
  m[3] = g.origin[0];
  m[7] = g.origin[1];
  m[11] = g.origin[2];
  m[15] = 1;
  return flipXY(m);
}
