import type { PanelClass } from './PanelState';

/** The engine's view of the panel classes: contiguous values 1..K and the maps between the two numberings. */
export interface EngineClassMap {
  /** Engine classes, value 1..K in the panel's order. */
  classes: { value: number; name: string; color: [number, number, number] }[];
  /** Lookup table: panel value (segment index, 0..255) → engine value (0 = not a class, i.e. unlabelled). */
  toEngine: Uint8Array;
  /** Lookup table: engine value (0..K) → panel value (0 stays 0). */
  toPanel: Uint8Array;
}

/**
 * Numbers the panel classes 1..K for the engine (panel values are OHIF segment indices and may have gaps).
 * Scribbles of a removed class map to 0 and are ignored by training.
 */
export function engineClassMap(panelClasses: readonly PanelClass[]): EngineClassMap {
  const toEngine = new Uint8Array(256);
  const toPanel = new Uint8Array(panelClasses.length + 1);
  const classes = panelClasses.map((c, i) => {
    toEngine[c.value] = i + 1;
    toPanel[i + 1] = c.value;
    return { value: i + 1, name: c.name, color: [c.color[0], c.color[1], c.color[2]] as [number, number, number] };
  });
  return { classes, toEngine, toPanel };
}

/** Applies a lookup table to every voxel (returns a new array). */
export function remapLabels(data: Uint8Array, table: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = table[data[i]] ?? 0;
  return out;
}
