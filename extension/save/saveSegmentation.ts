/**
 * Save to PACS: build a DICOM-SEG of the prediction on the source series with the project's writer (src/seg,
 * SEMIAUTOMATIC, every class a segment except the background unless asked) and send it through the viewer's
 * active data source (STOW-RS with the site's auth headers). On failure nothing is lost: the caller keeps the
 * prediction (IndexedDB has it too), and the error says whether building or sending failed and what to do.
 */
import type { Labelmap } from '../../src/volume/Volume';
import type { BuildSegmentationInput, BuiltSegmentation } from '../../src/seg/buildSegmentation';
import type { SegmentInput } from '../../src/seg/SegmentDescription';
import { SegmentAlgorithmType } from '../../src/seg/enums';
import type { PanelClass } from '../state/PanelState';
import { SaveError } from './SaveError';

/** Builds a Part-10 SEG (src/seg's buildSegmentation; an argument so tests can observe it). */
export type SegBuilder = (input: BuildSegmentationInput) => BuiltSegmentation;

/** Inputs of {@link saveSegmentation}. */
export interface SaveRequest {
  /** Sends the Part-10 bytes to the PACS (OhifViewer.storeDicom: the active data source, with the site's auth). */
  send(bytes: ArrayBuffer): Promise<void>;
  /** Naturalized instance metadata of the source series (OHIF displaySet.instances), any order. */
  sourceInstances: Record<string, unknown>[];
  /** Prediction (or scribbles) with panel class values (segment indices) on the source grid. */
  prediction: Labelmap;
  /** 'prediction' (default): SEMIAUTOMATIC SSLDEC result; 'scribbles': the clinician's strokes as a MANUAL SEG. */
  kind?: 'prediction' | 'scribbles';
  classes: readonly PanelClass[];
  /**
   * Store background classes (named "Background…", e.g. the brain preset's) as segments too: the panel's
   * "include background" choice. Default false; scribble SEGs always keep them (background strokes are training input).
   */
  includeBackground?: boolean;
  /** Recorded as AlgorithmParameters of a prediction (backend, seed, preset, rounds: those known). */
  parameters: Record<string, string | number | boolean>;
  algorithmVersion: string;
}

/** Where the SEG went. */
export interface SavedSegmentation {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** The classes stored, as segments 1..K. */
  segmentLabels: string[];
}

/** Renumbers panel values to SegmentNumber 1..K in panel order; every class is a segment, even an empty one. */
export function toSegSegments(prediction: Labelmap, classes: readonly PanelClass[]): { labelmap: Labelmap; segments: SegmentInput[] } {
  const table = new Uint8Array(256);
  const segments = classes.map((c, i) => {
    table[c.value] = i + 1;
    return { label: c.name, color: [c.color[0], c.color[1], c.color[2]] as [number, number, number] };
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

/** Builds and sends the SEG; rejects with SaveError saying whether building or sending failed and what to do. */
export async function saveSegmentation(request: SaveRequest, build: SegBuilder): Promise<SavedSegmentation> {
  if (request.sourceInstances.length === 0) {
    throw new SaveError('The source series has no instance metadata in the viewer, so no SEG can reference it: reload the study and try again.');
  }
  const { labelmap, segments } = toSegSegments(request.prediction, request.classes);
  let built: BuiltSegmentation;
  try {
    built = build({
      sourceInstances: request.sourceInstances, labelmap, segments,
      ...(request.kind === 'scribbles'
        ? { algorithm: { type: SegmentAlgorithmType.MANUAL }, seriesDescription: 'SSLDEC scribbles', includeBackground: true }
        : {
            algorithm: { type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: request.algorithmVersion, parameters: request.parameters },
            seriesDescription: 'SSLDEC segmentation',
            includeBackground: request.includeBackground ?? false,
          }),
    });
  } catch (e) {
    throw new SaveError(`Building the DICOM-SEG failed: ${(e as Error).message} The prediction is kept; fix the cause and press Save again.`);
  }
  try {
    await request.send(built.bytes);
  } catch (e) {
    const status = httpStatusOf(e);
    const why = status ? `the PACS answered HTTP ${status}` : `the PACS could not be reached (${(e as Error)?.message ?? String(e)})`;
    throw new SaveError(`Sending the SEG failed: ${why}. The prediction is kept in this browser; press Save again when the PACS is available.`, status);
  }
  return {
    studyInstanceUID: built.studyInstanceUID, seriesInstanceUID: built.seriesInstanceUID, sopInstanceUID: built.sopInstanceUID,
    segmentLabels: built.segmentLabels,
  };
}
