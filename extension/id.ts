/** The extension's id in OHIF: panel `ssldec.panelModule.ssldec`, commands in context `SSLDEC`. */
export const id = 'ssldec';

/** Name of the panel in the panel module (mode references `${id}.panelModule.${PANEL_NAME}`). */
export const PANEL_NAME = 'ssldec';
