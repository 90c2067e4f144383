/**
 * Sends a Part-10 instance (our SEG) to the PACS the way OHIF 3.13 stores its own SEGs and SRs, so that the new
 * series is in the study browser at once, without a reload: the default extension's `createStoreFunction` command
 * (the active data source: STOW-RS with the site's auth) adds the instance to OHIF's DicomMetadataStore (a display
 * set, `madeInClient`, readable from a local copy) and then stores it. Re-querying the PACS instead cannot work in
 * 3.13: the DICOMweb source caches a study's metadata under "<source name>:<study>", and its
 * `deleteStudyMetadataPromise(study)` deletes the key "<study>", which never exists.
 *
 * The PACS receives our writer's bytes unchanged (the `dicomDict` handed to the store function writes them as
 * they are). OHIF lists the instance before the STOW answers; when the STOW fails, the display sets OHIF made for
 * the series are removed again, so the study browser never shows a SEG the PACS does not hold. A host without
 * the command gets a plain STOW through the data source (the series then appears after a reload).
 */
import { readPart10 } from '../../src/io/dicom/dcmjs';
import { ViewerNotReadyError } from './OhifBoundaryError';
import type { OhifContext } from './types';

/** What `createStoreFunction` returns for a data source (OHIF 3.13, extensions/default commandsModule). */
type StoreFunction = (dataset: Record<string, unknown>, options?: { dicomDict?: unknown }) => Promise<void>;

/** Stores `bytes` through the active data source and lists the new series in the viewer; rejects when the STOW fails. */
export async function storeInstance(ohif: OhifContext, bytes: ArrayBuffer): Promise<void> {
  const dataSource = ohif.extensionManager.getActiveDataSource()[0];
  if (!dataSource) throw new ViewerNotReadyError('The viewer has no active data source to send the SEG to; check app-config.js.');
  // No data source name: the command then resolves the active one, the one that sends with the site's auth.
  const store = ohif.commandsManager.runCommand('createStoreFunction', {}) as StoreFunction | null | undefined;
  if (typeof store !== 'function') {
    await dataSource.store.dicom(bytes);
    return;
  }
  const { meta, dataset } = readPart10(bytes);
  // As dcmjs's own datasets carry it: OHIF's local copy is written with this transfer syntax.
  dataset._meta = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, { Value: Array.isArray(v) ? v : [v] }]));
  // The store function sends `dicomDict.write()` to the PACS: the bytes as our writer made them.
  const dicomDict = { write: () => bytes };
  try {
    await store(dataset, { dicomDict });
    // OHIF pointed the listing at a local copy ('dicomfile:'), whose SEG frames 3.13 maps wrongly without the
    // 'dicomlocal' source (disabled by its secure defaults). The PACS holds it now: open it from there, as after a reload.
    Object.defineProperty(dataset, 'url', { value: undefined, enumerable: false, writable: true, configurable: true });
  } catch (e) {
    const displaySets = ohif.servicesManager.services.displaySetService;
    for (const d of displaySets.getDisplaySetsForSeries?.(String(dataset.SeriesInstanceUID)) ?? []) {
      displaySets.deleteDisplaySet?.(d.displaySetInstanceUID);
    }
    throw e;
  }
}
