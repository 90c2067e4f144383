/**
 * Save to PACS: build a DICOM-SEG of the prediction on the source series (engineer B's writer in src/seg) and send
 * it through the viewer's active data source (STOW-RS with the site's auth headers). On failure nothing is lost:
 * the caller keeps the prediction (and IndexedDB has it), and the error says why.
 */
import type { Labelmap } from '../../src/volume/Volume';
import type { PanelClass } from '../state/PanelState';
import type { DataSourceLike } from '../ohif/types';
import { readSegIdentity, type InstanceIdentity } from './readSegIdentity';
import { SaveError } from './SaveError';

/** One segment to write: the class, numbered 1..K in the SEG (SegmentNumber). */
export interface SegSegment {
  SegmentNumber: number;
  SegmentLabel: string;
  /** Display colour, RGB 0..255 (the writer converts to CIELab). */
  color: [number, number, number];
}

/** What the SEG writer needs (a subset of src/seg's buildSegmentation input). */
export interface SegBuildInput {
  /** Naturalized instance metadata of the source series (OHIF displaySet.instances), any order. */
  sourceInstances: Record<string, unknown>[];
  /** Segment numbers 1..K on the source grid. */
  labelmap: Labelmap;
  segments: SegSegment[];
  /** Algorithm identification (SEMIAUTOMATIC): name, version, parameters text. */
  algorithm: { name: string; version: string; parameters: string };
}

/** Builds a Part-10 SEG (src/seg's buildSegmentation, adapted in buildSegmentationForSave.ts). */
export type SegBuilder = (input: SegBuildInput) => ArrayBuffer | Promise<ArrayBuffer>;

/** Inputs of {@link saveSegmentation}. */
export interface SaveRequest {
  dataSource: DataSourceLike;
  sourceInstances: Record<string, unknown>[];
  /** Prediction with panel class values (segment indices). */
  prediction: Labelmap;
  classes: readonly PanelClass[];
  /** Backend, seed, preset, rounds: recorded as AlgorithmParameters. */
  parameters: string;
  algorithmVersion: string;
}

/** Renumbers panel values to SegmentNumber 1..K (panel order); every class is a segment, even an empty one. */
export function toSegSegments(prediction: Labelmap, classes: readonly PanelClass[]): { labelmap: Labelmap; segments: SegSegment[] } {
  const table = new Uint8Array(256);
  const segments = classes.map((c, i) => {
    table[c.value] = i + 1;
    return { SegmentNumber: i + 1, SegmentLabel: c.name, color: c.color };
  });
  const data = new Uint8Array(prediction.data.length);
  for (let i = 0; i < data.length; i++) data[i] = table[prediction.data[i]];
  return { labelmap: { ...prediction, data }, segments };
}

function httpStatusOf(e: unknown): number | undefined {
  const o = e as { status?: unknown; request?: { status?: unknown } } | undefined;
  const s = o?.status ?? o?.request?.status;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

/**
 * Builds and sends the SEG. Resolves with its UIDs; rejects with SaveError saying whether building or sending
 * failed and what to do.
 */
export async function saveSegmentation(request: SaveRequest, build: SegBuilder): Promise<InstanceIdentity> {
  if (request.sourceInstances.length === 0) {
    throw new SaveError('The source series has no instance metadata in the viewer, so no SEG can reference it: reload the study and try again.');
  }
  const { labelmap, segments } = toSegSegments(request.prediction, request.classes);
  let part10: ArrayBuffer;
  try {
    part10 = await build({
      sourceInstances: request.sourceInstances, labelmap, segments,
      algorithm: { name: 'SSLDEC', version: request.algorithmVersion, parameters: request.parameters },
    });
  } catch (e) {
    throw new SaveError(`Building the DICOM-SEG failed: ${(e as Error).message}. The prediction is kept; fix the cause and press Save again.`);
  }
  const identity = readSegIdentity(part10);
  try {
    await request.dataSource.store.dicom(part10);
  } catch (e) {
    const status = httpStatusOf(e);
    const why = status ? `the PACS answered HTTP ${status}` : `the PACS could not be reached (${(e as Error)?.message ?? String(e)})`;
    throw new SaveError(`Sending the SEG failed: ${why}. The prediction is kept in this browser; press Save again when the PACS is available.`, status);
  }
  return identity;
}
