import type { Affine4 } from '../affine';
import type { NiftiHeader } from './niftiHeader';

/**
 * The voxel-to-RAS affine of a NIfTI header, chosen as the NIfTI standard and nibabel do: the sform when
 * `sform_code > 0`, else the qform (quaternion + offsets + pixdim, with qfac = pixdim[0]) when
 * `qform_code > 0`, else the "method 1" scaling by pixdim with no rotation.
 */
export function niftiRasAffine(h: NiftiHeader): Affine4 {
  if (h.sformCode > 0) return [...h.srow[0], ...h.srow[1], ...h.srow[2], 0, 0, 0, 1];
  const [dx, dy, dz] = [1, 2, 3].map((n) => (h.pixdim[n] > 0 ? h.pixdim[n] : 1));
  if (h.qformCode <= 0) return [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1];
  const r = quaternionToRotation(h.quatern);
  const qfac = h.pixdim[0] < 0 ? -1 : 1;
  const scale = [dx, dy, dz * qfac];
  const m: Affine4 = new Array(16).fill(0);
  for (let row = 0; row < 3; row++) {
    for (let c = 0; c < 3; c++) m[4 * row + c] = r[3 * row + c] * scale[c];
    m[4 * row + 3] = h.qoffset[row];
  }
  m[15] = 1;
  return m;
}

/** Rotation matrix (row-major 3x3) of NIfTI quaternion (b, c, d); a = sqrt(1 - b² - c² - d²). */
function quaternionToRotation([b, c, d]: [number, number, number]): number[] {
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // nifti1_io.c: a 180° rotation; renormalise (b, c, d) and take a = 0.
    const n = 1 / Math.sqrt(b * b + c * c + d * d);
    [b, c, d] = [b * n, c * n, d * n];
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  return [
    a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
    2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
    2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b,
  ];
}

/** A qform equivalent to a rotation-plus-scaling affine, or undefined when its axes are not orthogonal. */
export interface Qform {
  quatern: [number, number, number];
  qoffset: [number, number, number];
  /** pixdim[0]: -1 when the axes are left-handed. */
  qfac: 1 | -1;
}

/**
 * Quaternion form of `rasAffine` (port of nifti1_io.c `nifti_mat44_to_quatern`), so files we write carry both
 * an sform and a matching qform. Returns undefined (write sform only) when the columns are not orthogonal
 * within 1e-4, since a quaternion cannot represent shear.
 */
export function qformFromAffine(rasAffine: Affine4): Qform | undefined {
  const cols = [0, 1, 2].map((c) => [rasAffine[c], rasAffine[4 + c], rasAffine[8 + c]]);
  const unit = cols.map((v) => {
    const n = Math.hypot(v[0], v[1], v[2]);
    return v.map((x) => x / n);
  });
  const dot = (p: number[], q: number[]) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
  if (Math.abs(dot(unit[0], unit[1])) > 1e-4 || Math.abs(dot(unit[0], unit[2])) > 1e-4 || Math.abs(dot(unit[1], unit[2])) > 1e-4) {
    return undefined;
  }
  const cross = [
    unit[0][1] * unit[1][2] - unit[0][2] * unit[1][1],
    unit[0][2] * unit[1][0] - unit[0][0] * unit[1][2],
    unit[0][0] * unit[1][1] - unit[0][1] * unit[1][0],
  ];
  const qfac: 1 | -1 = dot(cross, unit[2]) < 0 ? -1 : 1;
  if (qfac < 0) unit[2] = unit[2].map((x) => -x);
  // r(row, col), 1-based as in nifti1_io.c.
  const r = (row: number, col: number) => unit[col - 1][row - 1];
  let a = r(1, 1) + r(2, 2) + r(3, 3) + 1;
  let b: number, c: number, d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r(3, 2) - r(2, 3))) / a;
    c = (0.25 * (r(1, 3) - r(3, 1))) / a;
    d = (0.25 * (r(2, 1) - r(1, 2))) / a;
  } else {
    const xd = 1 + r(1, 1) - (r(2, 2) + r(3, 3));
    const yd = 1 + r(2, 2) - (r(1, 1) + r(3, 3));
    const zd = 1 + r(3, 3) - (r(1, 1) + r(2, 2));
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r(1, 2) + r(2, 1))) / b;
      d = (0.25 * (r(1, 3) + r(3, 1))) / b;
      a = (0.25 * (r(3, 2) - r(2, 3))) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r(1, 2) + r(2, 1))) / c;
      d = (0.25 * (r(2, 3) + r(3, 2))) / c;
      a = (0.25 * (r(1, 3) - r(3, 1))) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r(1, 3) + r(3, 1))) / d;
      c = (0.25 * (r(2, 3) + r(3, 2))) / d;
      a = (0.25 * (r(2, 1) - r(1, 2))) / d;
    }
    if (a < 0) [b, c, d] = [-b, -c, -d];
  }
  return { quatern: [b, c, d], qoffset: [rasAffine[3], rasAffine[7], rasAffine[11]], qfac };
}
