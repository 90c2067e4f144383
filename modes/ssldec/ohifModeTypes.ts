/**
 * The small part of OHIF 3.13's mode contract this mode touches. OHIF's npm packages ship no usable types
 * (see docs/ohif-runtime-plugins.md), so these interfaces describe only what we read or set.
 */

/** `routes[0].layoutInstance` of an OHIF mode: the layout template's id and props. */
export interface OhifLayoutInstance {
  id: string;
  props: {
    /** Panel ids such as `ssldec.panelModule.ssldec`, first = the tab shown at start. */
    leftPanels?: string[];
    rightPanels?: string[];
    [prop: string]: unknown;
  };
}

/** One route of a mode; OHIF calls `layoutTemplate` as a method of the route. */
export interface OhifModeRoute {
  path: string;
  layoutTemplate: (this: OhifModeRoute, args: unknown) => unknown;
  layoutInstance: OhifLayoutInstance;
  [key: string]: unknown;
}

/** What OHIF hands a mode's lifecycle hooks (3.13's Mode.tsx); only what this mode reads. */
export interface OhifModeContext {
  servicesManager?: { services: { customizationService?: { setCustomizations(customizations: Record<string, unknown>): void } } };
  [key: string]: unknown;
}

/** Mode lifecycle hook; `this` is the mode instance (basic mode keeps `_unsubscriptions` on it). */
export type OhifModeHook = (this: OhifModeInstance, context: OhifModeContext) => void;

/** A mode instance as the viewer uses it after `modeFactory`. */
export interface OhifModeInstance {
  id: string;
  routeName: string;
  displayName: string;
  routes: OhifModeRoute[];
  /** Extension names or URLs → version ranges; the keys are `import()`ed when the route is entered. */
  extensions: Record<string, string>;
  /** Study is offered in this mode when it has one of these modalities (OHIF's data-driven isValidMode). */
  modeModalities?: Array<string | string[]>;
  /** Hanging protocol id(s) tried for the study, best match first (a `?hangingProtocolId=` in the URL wins). */
  hangingProtocol?: string | string[];
  onModeEnter?: OhifModeHook;
  onModeExit?: OhifModeHook;
  [key: string]: unknown;
}

/** The default export of `@ohif/mode-basic` / `@ohif/mode-segmentation` in 3.13. */
export interface OhifModeModule {
  id: string;
  modeInstance: OhifModeInstance;
  modeFactory?: (this: OhifModeModule, args: { modeConfiguration?: unknown }) => OhifModeInstance;
}

/** What the viewer passes to `modeFactory` (appInit.js in @ohif/app 3.13). */
export interface OhifModeFactoryArgs {
  modeConfiguration?: unknown;
  /** Resolves OHIF package names (`@ohif/mode-segmentation`) or module URLs to their default exports. */
  loadModules: (names: string[]) => Promise<unknown[]>;
}
