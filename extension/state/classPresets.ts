import type { PanelClass, Rgb } from './PanelState';

/**
 * Brain preset: cerebrospinal fluid, grey matter, white matter and background, values 1..4. Background is a class
 * of its own because SSLDEC labels every voxel; scribble it on everything outside the brain, scalp and skull too:
 * strokes only in the air leave two fifths of the scalp, skull and muscle painted as brain tissue (bench:demo).
 */
export const BRAIN_PRESET: readonly PanelClass[] = [
  { value: 1, name: 'CSF', color: [60, 130, 255] },
  { value: 2, name: 'Grey matter', color: [230, 80, 80] },
  { value: 3, name: 'White matter', color: [250, 220, 90] },
  { value: 4, name: 'Background', color: [120, 120, 120] },
];

/** Colours for classes added by hand, cycled by class value. */
const PALETTE: readonly Rgb[] = [
  [221, 84, 84], [77, 228, 121], [166, 70, 235], [189, 180, 116], [94, 155, 255], [255, 140, 40], [0, 200, 200],
  [255, 105, 180],
];

/** A default colour for class `value` (1-based). */
export function defaultClassColor(value: number): Rgb {
  const c = PALETTE[(value - 1) % PALETTE.length];
  return [c[0], c[1], c[2]];
}
