/**
 * The hanging protocol of our mode: OHIF's `@ohif/mnGrid` (what the segmentation mode uses: same layouts, same
 * SEG hydration sync group), except that every viewport opens on the middle slice. Slice 1 of a head is an empty
 * edge; the middle shows the anatomy a clinician scribbles on. Derived at run time from the host's protocol
 * (a protocol generator, called by OHIF's hangingProtocolService), so it follows whatever mnGrid the host has.
 */
import type { ServicesManagerLike } from './types';

/** The protocol ours is derived from. */
export const BASE_PROTOCOL_ID = '@ohif/mnGrid';

/** OHIF's `initialImageOptions` for a stack or volume viewport. */
export const MIDDLE_SLICE = { preset: 'middle' } as const;

type ViewportOptions = Record<string, unknown>;
interface ProtocolViewport {
  viewportOptions?: ViewportOptions;
  [key: string]: unknown;
}
/** The parts of an OHIF hanging protocol we rewrite; everything else is kept as the host made it. */
export interface HangingProtocolLike {
  id: string;
  name?: string;
  defaultViewport?: ProtocolViewport;
  stages: Array<{ viewports?: ProtocolViewport[]; defaultViewport?: ProtocolViewport; [key: string]: unknown }>;
  [key: string]: unknown;
}

function middleSliceViewport<T extends ProtocolViewport | undefined>(viewport: T): T {
  if (!viewport) return viewport;
  // An explicit choice in the base protocol (a preset or an index) is the host's; keep it.
  if (viewport.viewportOptions?.initialImageOptions) return viewport;
  return { ...viewport, viewportOptions: { ...viewport.viewportOptions, initialImageOptions: { ...MIDDLE_SLICE } } };
}

/** `base` under the id `id`, each viewport (default, per stage, per stage viewport) opening on the middle slice. */
export function withMiddleSlice(base: HangingProtocolLike, id: string): HangingProtocolLike {
  return {
    ...base,
    id,
    name: `${base.name ?? base.id} (middle slice)`,
    defaultViewport: middleSliceViewport(base.defaultViewport),
    stages: base.stages.map((stage) => ({
      ...stage,
      defaultViewport: middleSliceViewport(stage.defaultViewport),
      viewports: stage.viewports?.map((v) => middleSliceViewport(v)),
    })),
  };
}

/**
 * A protocol generator as OHIF 3.13's hangingProtocolService calls it (`addProtocol(id, fn)`; `fn({ servicesManager })`
 * → `{ protocol }`), for the extension's hanging protocol module.
 */
export function middleSliceProtocolGenerator(id: string) {
  return ({ servicesManager }: { servicesManager: ServicesManagerLike }): { protocol: HangingProtocolLike } => {
    const base = servicesManager.services.hangingProtocolService?.getProtocolById(BASE_PROTOCOL_ID) as HangingProtocolLike | undefined;
    if (!base?.stages) {
      throw new Error(`The host viewer has no hanging protocol ${BASE_PROTOCOL_ID} to open studies on the middle slice; use the pinned @ohif/app 3.13.2.`);
    }
    return { protocol: withMiddleSlice(base, id) };
  };
}
