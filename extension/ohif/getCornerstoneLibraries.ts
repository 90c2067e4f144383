import type { CornerstoneLibraries, ExtensionManagerLike } from './types';
import { ViewerNotReadyError } from './OhifBoundaryError';

const UTILITY_MODULE = '@ohif/extension-cornerstone.utilityModule.common';

/** The host viewer's Cornerstone core and tools (never a bundled copy: it would have its own cache and state). */
export function getCornerstoneLibraries(extensionManager: ExtensionManagerLike): CornerstoneLibraries {
  const entry = extensionManager.getModuleEntry(UTILITY_MODULE);
  const get = entry?.exports?.getCornerstoneLibraries as (() => CornerstoneLibraries) | undefined;
  if (typeof get !== 'function') {
    throw new ViewerNotReadyError(
      `The viewer does not offer ${UTILITY_MODULE}.getCornerstoneLibraries: expected OHIF 3.13 with the cornerstone ` +
        'extension loaded. Open the study in the SSLDEC Segmentation mode.',
    );
  }
  return get();
}
