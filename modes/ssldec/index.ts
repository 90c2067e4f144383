/**
 * "SSLDEC Segmentation": OHIF's segmentation mode (brush, eraser, SEG display, hanging protocols) with the SSLDEC
 * panel first on the right. Loaded by the prebuilt viewer at run time from `/plugins/ssldec-mode.js?v=<hash>`
 * (see docs/ohif-runtime-plugins.md); nothing from `@ohif/*` is bundled, the host hands it over through
 * `loadModules`.
 */
import { MIDDLE_SLICE_PROTOCOL_ID, PANEL_ID } from '../../extension/id';
import { VERSION } from '../../src/version';
import type { OhifModeContext, OhifModeFactoryArgs, OhifModeInstance, OhifModeModule } from './ohifModeTypes';

export const MODE_ID = 'ssldec';
export const ROUTE_NAME = 'ssldec';
export const DISPLAY_NAME = 'SSLDEC Segmentation';
/** Our panel, exported by the extension's panel module (its id is defined beside the extension's). */
export { PANEL_ID };
/** Modalities the scribble-and-train workflow is meant for. */
export const MODE_MODALITIES = ['MR', 'CT'];

/**
 * OHIF customizations while the mode is on. OHIF's segmentation panel recomputes every segment's statistics in a web
 * worker after each brush stroke and each prediction shown, on the cores the training worker trains on, and announces
 * them with a segmentation change that re-renders the viewport; our panel shows each class's volume itself
 * (BENCHMARKS.md, "viewer: the overlay's redundant re-renders").
 */
export const MODE_CUSTOMIZATIONS = { 'panelSegmentation.disableUpdateSegmentationStats': { $set: true } };

/** Raised when the host viewer does not look like the OHIF 3.13 this mode was written against. */
export class HostViewerMismatchError extends Error {
  override name = 'HostViewerMismatchError';
}

/**
 * URL of our extension bundle, beside this mode bundle and with the same version query, so the route's
 * `extensions` key is the module already registered from `window.config.extensions`.
 */
export function extensionUrlBeside(modeModuleUrl: string): string {
  const self = new URL(modeModuleUrl);
  const url = new URL(`./ssldec-extension.js${self.search}`, self);
  return url.origin === globalThis.location?.origin ? `${url.pathname}${url.search}` : url.href;
}

function asModeModule(candidate: unknown, name: string): OhifModeModule {
  const m = candidate as Partial<OhifModeModule> | undefined;
  if (!m?.modeInstance?.routes?.[0]?.layoutInstance?.props) {
    throw new HostViewerMismatchError(
      `${name} from the host viewer has no modeInstance.routes[0].layoutInstance.props; expected OHIF 3.13's mode ` +
        `layout (got keys: ${m ? Object.keys(m).join(', ') : String(m)}). Use the pinned @ohif/app 3.13.2.`,
    );
  }
  return m as OhifModeModule;
}

/**
 * Builds our mode from OHIF's segmentation mode: same tools, viewports and SEG handling; our id, route and name;
 * our extension added; our panel first. `onModeEnter` is the basic mode's, which the segmentation mode extends only
 * with an automatic switch to OHIF's segmentation panel on the first labelmap — our panel creates labelmaps for the
 * scribbles, and the clinician must stay on it — and then sets MODE_CUSTOMIZATIONS. Studies hang with the extension's
 * protocol: the segmentation mode's grid, opened on the middle slice (the first slice of a head is an empty edge).
 */
export function buildSsldecMode(
  segmentationMode: OhifModeModule,
  basicMode: OhifModeModule,
  extensionUrl: string,
  modeConfiguration?: unknown,
): OhifModeInstance {
  const base = segmentationMode.modeFactory
    ? segmentationMode.modeFactory.call(segmentationMode, { modeConfiguration })
    : segmentationMode.modeInstance;
  const [route, ...otherRoutes] = base.routes;
  const props = route.layoutInstance.props;
  const rightPanels = [PANEL_ID, ...(props.rightPanels ?? []).filter((p) => p !== PANEL_ID)];
  const enter = basicMode.modeInstance.onModeEnter ?? base.onModeEnter;
  return {
    ...base,
    id: MODE_ID,
    routeName: ROUTE_NAME,
    displayName: DISPLAY_NAME,
    modeModalities: MODE_MODALITIES,
    extensions: { ...base.extensions, [extensionUrl]: `^${VERSION}` },
    onModeEnter(this: OhifModeInstance, context: OhifModeContext) {
      enter?.call(this, context);
      context.servicesManager?.services.customizationService?.setCustomizations(MODE_CUSTOMIZATIONS);
    },
    hangingProtocol: [MIDDLE_SLICE_PROTOCOL_ID],
    routes: [{ ...route, layoutInstance: { ...route.layoutInstance, props: { ...props, rightPanels } } }, ...otherRoutes],
  };
}

const mode = {
  id: MODE_ID,
  async modeFactory({ modeConfiguration, loadModules }: OhifModeFactoryArgs): Promise<OhifModeInstance> {
    const [segmentation, basic] = await loadModules(['@ohif/mode-segmentation', '@ohif/mode-basic']);
    return buildSsldecMode(
      asModeModule(segmentation, '@ohif/mode-segmentation'),
      asModeModule(basic, '@ohif/mode-basic'),
      extensionUrlBeside(import.meta.url),
      modeConfiguration,
    );
  },
};

export default mode;
