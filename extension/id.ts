/** The extension's id in OHIF: panel `ssldec.panelModule.ssldec`, commands in context `SSLDEC`. */
export const id = 'ssldec';

/** Name of the panel in the panel module. */
export const PANEL_NAME = 'ssldec';

/** The panel's id in OHIF, as a mode lists it in `rightPanels`: `ssldec.panelModule.ssldec`. */
export const PANEL_ID = `${id}.panelModule.${PANEL_NAME}`;

/**
 * Hanging protocol our mode uses: OHIF's `@ohif/mnGrid` (the segmentation mode's) with every viewport opening on
 * the middle slice (`extension/ohif/middleSliceProtocol.ts`).
 */
export const MIDDLE_SLICE_PROTOCOL_ID = `${id}.mnGridMiddleSlice`;
