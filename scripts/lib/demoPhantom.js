// A brain-like T1 phantom, used when no real T1 is available (no Debian mricron-data) and by the end-to-end test:
// nested ellipsoids of skin/fat (bright), skull (dark), CSF (dark), grey matter (mid) and white matter (bright),
// ventricles (CSF), mild smooth bias and a little deterministic noise so a network has something to learn.

/** Deterministic pseudo-random numbers (mulberry32) so the phantom is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** T1-like intensities of the tissue classes (0..255, integer-valued volume). */
const T1 = { air: 0, scalp: 180, skull: 30, csf: 40, grey: 110, white: 170 };

/**
 * @param {{columns?: number, rows?: number, slices?: number, spacing?: [number, number, number], seed?: number}} [o]
 * @returns {{volume: import('../../src/volume/Volume').Volume, tissue: Uint8Array}} an axial volume (LPS, i to the
 *   patient's left, j to posterior, k to superior), intensities in 0..255; tissue: 0 air/other, 1 CSF, 2 GM, 3 WM.
 */
function brainPhantom(o = {}) {
  const columns = o.columns ?? 64;
  const rows = o.rows ?? 64;
  const slices = o.slices ?? 16;
  const spacing = o.spacing ?? [3, 3, 6];
  const rand = random(o.seed ?? 1);
  const channel = new Float32Array(columns * rows * slices);
  const tissue = new Uint8Array(columns * rows * slices);
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) {
        // Normalised coordinates in -1..1 across the field of view.
        const x = (2 * (i + 0.5)) / columns - 1;
        const y = (2 * (j + 0.5)) / rows - 1;
        const z = (2 * (k + 0.5)) / slices - 1;
        const r = Math.hypot(x / 0.9, y / 0.95, z / 1.1);
        const folds = 0.04 * Math.sin(9 * Math.atan2(y, x)) * Math.cos(5 * z);
        const ventricle = Math.hypot((Math.abs(x) - 0.12) / 0.1, y / 0.3, z / 0.5) < 1;
        let label = 0;
        let value = T1.air;
        if (r < 0.66 + folds * 0.5) {
          if (ventricle) [label, value] = [1, T1.csf];
          else if (r < 0.5 + folds) [label, value] = [3, T1.white];
          else [label, value] = [2, T1.grey];
        } else if (r < 0.72) [label, value] = [1, T1.csf];
        else if (r < 0.8) value = T1.skull;
        else if (r < 0.88) value = T1.scalp;
        const bias = 1 + 0.08 * x - 0.05 * y;
        const noise = value > 0 ? (rand() - 0.5) * 16 : rand() * 4;
        const n = i + j * columns + k * columns * rows;
        channel[n] = Math.max(0, Math.min(255, Math.round(value * bias + noise)));
        tissue[n] = label;
      }
    }
  }
  const origin = [-((columns - 1) * spacing[0]) / 2, -((rows - 1) * spacing[1]) / 2, -((slices - 1) * spacing[2]) / 2];
  const volume = {
    dimensions: [columns, rows, slices],
    spacing,
    origin,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    channels: [channel],
    channelNames: ['T1'],
  };
  return { volume, tissue };
}

module.exports = { brainPhantom, T1 };
