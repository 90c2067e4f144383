/**
 * Fixed intensity windows for images in physical units (CT in Hounsfield units). Percentile scaling of a CT maps
 * air (−1000) to bone (+1500) onto 0..1 and leaves soft tissue (−100..+200) a sliver of about a tenth of the range;
 * a soft-tissue window clipped to 0..1 gives that range the whole input, and a wide window keeps air, fat and bone
 * apart. Each window becomes its own channel, as radiologists read one CT in several windows.
 */

/** Windows used for CT when the caller does not choose: soft tissue (W400 L40) and bone (W1800 L400), in HU. */
export const CT_WINDOWS: [number, number][] = [[-160, 240], [-500, 1300]];

/** `values` clipped to [low, high] and mapped linearly to 0..1 (a new array). */
export function applyWindow(values: Float32Array, [low, high]: [number, number]): Float32Array {
  const out = new Float32Array(values.length);
  const scale = 1 / (high - low);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v <= low ? 0 : v >= high ? 1 : (v - low) * scale;
  }
  return out;
}
