/**
 * Thick slices from a thin-slice case (`bench:seg --slab N`): every N consecutive slices along k are averaged into
 * one, as a scanner that acquires N times thicker slices records them, and the truth is the slab's middle slice.
 * Clinical MR and CT are often 3–5 mm thick; the suite's cases are 1–1.5 mm. The slices after the last whole slab
 * are dropped. N is odd, so that the middle slice, the truth's, lies at the slab's centre.
 */
import type { Geometry } from '../../../src/volume/Volume';
import { BenchArgumentError } from '../../lib/args';
import { cropGeometry } from './crop';
import type { CaseSubject } from './SegCase';

export function thickSlices(subject: CaseSubject, n: number): CaseSubject {
  const [nx, ny, nz] = subject.volume.dimensions;
  if (!(Number.isInteger(n) && n >= 3 && n % 2 === 1)) {
    throw new BenchArgumentError(`--slab expects an odd whole number of slices, 3 or more, got ${n}`);
  }
  const slabs = Math.floor(nz / n);
  if (slabs < 1) throw new BenchArgumentError(`--slab ${n}: ${subject.id} has only ${nz} slices`);
  const plane = nx * ny;
  const channels = subject.volume.channels.map((thin) => {
    const thick = new Float32Array(plane * slabs);
    for (let s = 0; s < slabs; s++) {
      const out = thick.subarray(s * plane, (s + 1) * plane);
      for (let t = 0; t < n; t++) {
        const slice = thin.subarray((s * n + t) * plane, (s * n + t + 1) * plane);
        for (let p = 0; p < plane; p++) out[p] += slice[p];
      }
      for (let p = 0; p < plane; p++) out[p] /= n;
    }
    return thick;
  });
  const truth = new Uint8Array(plane * slabs);
  const middle = (n - 1) / 2;
  for (let s = 0; s < slabs; s++) {
    const slice = s * n + middle;
    truth.set(subject.truth.data.subarray(slice * plane, (slice + 1) * plane), s * plane);
  }
  const { spacing } = subject.volume;
  // The grid of the slabs' middle slices (the first slab's centre is its middle slice), N times further apart.
  const centres = cropGeometry(subject.volume, { start: [0, 0, middle], end: [nx, ny, middle + slabs] });
  const geometry: Geometry = { ...centres, spacing: [spacing[0], spacing[1], spacing[2] * n] };
  return {
    ...subject,
    volume: { ...subject.volume, ...geometry, channels },
    truth: { ...geometry, data: truth },
    grid: `${subject.grid}, slabs of ${n} slices along k (${slabs} slices of ${+(spacing[2] * n).toFixed(2)} mm)`,
  };
}
