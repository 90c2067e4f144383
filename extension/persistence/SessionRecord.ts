/**
 * What survives a page reload or a failed save, per series: the class list, the scribbles, the last prediction
 * (with its confidence, whether it is stale, and the backend and rounds that made it), the last run's other result
 * and its model (so the switch between the first and the refined result survives too), the trained model and the
 * brush size. Voxel arrays are deflated (fflate) before storage; scribbles are mostly zeros.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { PanelClass } from '../state/PanelState';

/** The in-memory form. Labelmaps hold panel class values (segment indices) on the source grid. */
export interface SessionRecord {
  classes: PanelClass[];
  /** [columns, rows, slices] of the source grid the arrays belong to. */
  dimensions: [number, number, number];
  scribbles?: Uint8Array;
  prediction?: Uint8Array;
  /** max_j q_ij per voxel, 0..1 (stored quantised to 1/255). */
  confidence?: Float32Array;
  /** The prediction was made for another set of classes than `classes` (it cannot be saved before retraining). */
  predictionStale?: boolean;
  /** The trained model (the engine's saveModel bytes), so Retrain works after a reload. */
  model?: Uint8Array;
  /** Brush diameter in mm. */
  brushSize?: number;
  /** SeriesInstanceUIDs of the series ticked as extra channels (a model trained on them needs them for Retrain). */
  extraChannels?: string[];
  /** Classes (panel values) that had strokes but no voxel in the kept prediction. */
  missingClassValues?: number[];
  /** The backend and the SSLDEC rounds that made `prediction` (recorded in a saved SEG's AlgorithmParameters). */
  backend?: string;
  rounds?: number;
  /** The last run's other result, which the panel offers to switch to, with its model. */
  other?: OtherResultRecord;
  /** `Date.now()` of the last update. */
  updatedAt: number;
}

/** The last run's result that is not shown: which one it is, its voxels, and the model that made it. */
export interface OtherResultRecord {
  /** 'first': the network before the SSLDEC rounds; 'refined': after them (the one shown is then the first). */
  kind: 'first' | 'refined';
  prediction: Uint8Array;
  confidence: Float32Array;
  missingClassValues: number[];
  backend?: string;
  rounds?: number;
  model: Uint8Array;
}

/** The stored form (version 1). */
export interface StoredSessionRecord {
  version: 1;
  classes: PanelClass[];
  dimensions: [number, number, number];
  scribbles?: Uint8Array;
  prediction?: Uint8Array;
  confidence?: Uint8Array;
  predictionStale?: boolean;
  model?: Uint8Array;
  brushSize?: number;
  extraChannels?: string[];
  missingClassValues?: number[];
  backend?: string;
  rounds?: number;
  other?: Omit<OtherResultRecord, 'confidence'> & { confidence: Uint8Array };
  updatedAt: number;
}

/** Error of a stored record that cannot be read back (other version, wrong sizes). */
export class SessionRecordError extends Error {
  override name = 'SessionRecordError';
}

/** Encodes a record for storage. */
export function encodeSessionRecord(record: SessionRecord): StoredSessionRecord {
  const deflate = (data: Uint8Array) => deflateSync(data, { level: 1 });
  const quantise = (confidence: Float32Array) => {
    const q = new Uint8Array(confidence.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(Math.min(1, Math.max(0, confidence[i])) * 255);
    return deflate(q);
  };
  const other = record.other;
  return {
    version: 1,
    classes: record.classes.map((c) => ({ value: c.value, name: c.name, color: [c.color[0], c.color[1], c.color[2]] })),
    dimensions: record.dimensions,
    scribbles: record.scribbles ? deflate(record.scribbles) : undefined,
    prediction: record.prediction ? deflate(record.prediction) : undefined,
    confidence: record.confidence ? quantise(record.confidence) : undefined,
    predictionStale: record.predictionStale,
    model: record.model,
    brushSize: record.brushSize,
    extraChannels: record.extraChannels?.length ? [...record.extraChannels] : undefined,
    missingClassValues: record.missingClassValues?.length ? [...record.missingClassValues] : undefined,
    backend: record.backend,
    rounds: record.rounds,
    other: other && {
      ...other, prediction: deflate(other.prediction), confidence: quantise(other.confidence), missingClassValues: [...other.missingClassValues],
    },
    updatedAt: record.updatedAt,
  };
}

/** Decodes a stored record; throws SessionRecordError when it does not fit its own dimensions. */
export function decodeSessionRecord(stored: StoredSessionRecord): SessionRecord {
  if (stored.version !== 1) {
    throw new SessionRecordError(`Stored SSLDEC session has version ${String(stored.version)}, expected 1: it is ignored; paint the scribbles again.`);
  }
  const n = stored.dimensions[0] * stored.dimensions[1] * stored.dimensions[2];
  const inflate = (name: string, bytes: Uint8Array | undefined): Uint8Array | undefined => {
    if (!bytes) return undefined;
    const out = inflateSync(bytes);
    if (out.length !== n) throw new SessionRecordError(`Stored ${name} has ${out.length} voxels, expected ${n}: it is ignored.`);
    return out;
  };
  const dequantise = (name: string, bytes: Uint8Array | undefined): Float32Array | undefined => {
    const q = inflate(name, bytes);
    if (!q) return undefined;
    const confidence = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) confidence[i] = q[i] / 255;
    return confidence;
  };
  const classValues = (list: unknown) => (Array.isArray(list) ? list.filter((v) => Number.isInteger(v) && v > 0) : undefined);
  // What made a result, where the record says (older records do not).
  const madeBy = (r: { backend?: unknown; rounds?: unknown }) => ({
    backend: typeof r.backend === 'string' ? r.backend : undefined, rounds: Number.isInteger(r.rounds) ? r.rounds as number : undefined,
  });
  // Older records have no other result; one that is not whole is dropped (the shown result is kept without a switch).
  const o = stored.other;
  const otherPrediction = o && inflate('other prediction', o.prediction);
  const otherConfidence = o && dequantise('other confidence', o.confidence);
  const other: OtherResultRecord | undefined = o && (o.kind === 'first' || o.kind === 'refined') && o.model instanceof Uint8Array &&
    otherPrediction && otherConfidence
    ? {
      kind: o.kind, prediction: otherPrediction, confidence: otherConfidence, missingClassValues: classValues(o.missingClassValues) ?? [],
      ...madeBy(o), model: o.model,
    }
    : undefined;
  return {
    classes: stored.classes,
    dimensions: stored.dimensions,
    scribbles: inflate('scribbles', stored.scribbles),
    prediction: inflate('prediction', stored.prediction),
    confidence: dequantise('confidence', stored.confidence),
    predictionStale: stored.predictionStale === true,
    model: stored.model,
    brushSize: typeof stored.brushSize === 'number' && stored.brushSize > 0 ? stored.brushSize : undefined,
    // Older records have neither; anything but a list of the right kind is dropped.
    extraChannels: Array.isArray(stored.extraChannels) ? stored.extraChannels.filter((u) => typeof u === 'string') : undefined,
    missingClassValues: classValues(stored.missingClassValues),
    ...madeBy(stored),
    other,
    updatedAt: stored.updatedAt,
  };
}
