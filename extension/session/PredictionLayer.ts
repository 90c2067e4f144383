/**
 * The last prediction and its overlay in the viewer. It follows the class list: a renamed or recoloured class shows
 * its new name and colour, a removed class's voxels leave the overlay and the counts; and a prediction made for
 * another set of classes is stale (the store says so) and cannot be saved until a new training run. While a run
 * goes on, the overlay may show its preview (the supervised model's prediction) instead; the last finished result
 * stays the one kept, counted and saved, and comes back if the run is cancelled or fails. A finished run keeps its
 * preview as the other result, which the user may switch to (and back).
 */
import { voxelCount, type Labelmap } from '../../src/volume/Volume';
import type { OhifViewer, ViewerTarget } from '../ohif/OhifViewer';
import { overlayLabelmap } from '../ohif/writePrediction';
import { ViewerNotReadyError } from '../ohif/OhifBoundaryError';
import type { PanelStore } from '../state/createStore';
import { countLabels } from '../../src/ssldec/validateInputs';

/** A prediction on the source grid (panel class values) with what made it. */
export interface PredictionResult {
  prediction: Labelmap;
  confidence: Float32Array;
  /** What made it; undefined for a result kept by a version that did not record it (before format 1's `backend`). */
  backend?: string;
  rounds?: number;
}

/** A result with the scribbled classes it has no voxel of (panel values), as the store shows them. */
export interface ResultWithMissing {
  result: PredictionResult;
  missingClassValues: number[];
}

/** Voxels per value 0..the largest class value of `data` (the engine's count, as the store keeps it). */
export function countsFor(data: Uint8Array, classValues: readonly number[]): number[] {
  return Array.from(countLabels({ data }).subarray(0, classValues.reduce((m, v) => Math.max(m, v), 0) + 1));
}

/** See file comment. */
export class PredictionLayer {
  private result?: PredictionResult;
  private preview?: Pick<PredictionResult, 'prediction' | 'confidence'>;
  /** The last run's other result (its first one, or the refined one after a switch). */
  private other?: ResultWithMissing;
  private segmentationId?: string;

  constructor(private readonly viewer: OhifViewer, private readonly store: PanelStore) {}

  /** The last finished (or restored) prediction: what is kept and saved. */
  get current(): PredictionResult | undefined {
    return this.result;
  }

  /** The last run's other result, which a switch shows (kept across a reload with its model). */
  get otherResult(): ResultWithMissing | undefined {
    return this.other;
  }

  /** Whether the overlay shows a running training's preview. */
  get showsPreview(): boolean {
    return this.preview !== undefined;
  }

  /**
   * Shows `result` (a new run or a restored one) in its own locked segmentation; a preview it replaces is gone.
   * `other`: the run's other result to keep for a switch (its first one); none for a restored result.
   */
  async show(t: ViewerTarget, result: PredictionResult, other?: ResultWithMissing): Promise<void> {
    this.result = result;
    this.other = other;
    this.preview = undefined;
    await this.render(t);
  }

  /**
   * Shows the other result of the last run instead of the current one, which becomes the other (`missingClassValues`:
   * the current one's, from the store). Returns the result now shown; throws when there is none.
   */
  async switchToOther(t: ViewerTarget, missingClassValues: number[]): Promise<ResultWithMissing> {
    if (!this.other || !this.result || this.preview) throw new ViewerNotReadyError('No other result of the last training run to switch to.');
    const next = this.other;
    this.other = { result: this.result, missingClassValues };
    this.result = next.result;
    await this.render(t);
    return next;
  }

  /** Shows a running training's first prediction; the finished result (if any) is kept underneath. */
  async showPreview(t: ViewerTarget, preview: Pick<PredictionResult, 'prediction' | 'confidence'>): Promise<void> {
    this.preview = preview;
    await this.render(t);
  }

  /** The run ended without a result: the overlay goes back to the last finished prediction (or empties). */
  async dropPreview(t: ViewerTarget): Promise<void> {
    if (!this.preview) return;
    this.preview = undefined;
    if (this.result) await this.render(t);
    else if (this.viewer.has(this.segmentationId)) {
      const { geometry } = t.grid;
      this.viewer.writeLabels(t, this.segmentationId, { ...geometry, data: new Uint8Array(voxelCount(geometry)) });
    }
  }

  /** Re-renders the overlay (class view or unsure voxels) with the store's settings. */
  async render(t: ViewerTarget, scribbleId?: string): Promise<void> {
    const shown = this.preview ?? this.result;
    if (!shown) return;
    const classes = this.store.getState().classes;
    if (!this.viewer.has(this.segmentationId)) this.segmentationId = await this.viewer.createPrediction(t, classes);
    else this.viewer.syncPrediction(t, this.segmentationId, classes);
    const { showConfidence, confidenceThreshold, opacity } = this.store.getState().prediction;
    this.viewer.writeLabels(t, this.segmentationId, overlayLabelmap(shown.prediction, shown.confidence, showConfidence, confidenceThreshold));
    this.viewer.setOpacity(t, this.segmentationId, opacity);
    this.viewer.keepBrushOnScribbles(t, scribbleId);
  }

  setOpacity(t: ViewerTarget): void {
    if (this.viewer.has(this.segmentationId)) this.viewer.setOpacity(t, this.segmentationId, this.store.getState().prediction.opacity);
  }

  /**
   * The class list changed: a removed class's voxels become unlabelled (0) in the prediction and its counts; names
   * and colours follow. The reducer marks the prediction stale when the set of classes changed.
   */
  async classesChanged(t: ViewerTarget, removed: number | undefined, scribbleId?: string): Promise<void> {
    if (!this.result && !this.preview) return;
    if (removed !== undefined) {
      for (const shown of [this.preview, this.result, this.other?.result]) {
        const data = shown?.prediction.data;
        if (data) for (let i = 0; i < data.length; i++) if (data[i] === removed) data[i] = 0;
      }
      if (this.result) {
        const values = this.store.getState().classes.map((c) => c.value);
        this.store.dispatch({ type: 'prediction/counts', voxelsPerClass: countsFor(this.result.prediction.data, values) });
      }
    }
    await this.render(t, scribbleId);
  }

  /** The prediction to save; throws when there is none or it was made for another set of classes. */
  forSave(): PredictionResult {
    if (this.preview) {
      throw new ViewerNotReadyError('Training is still refining the prediction on screen: save when it is done (or after Cancel, which brings back the last finished one).');
    }
    if (!this.result) throw new ViewerNotReadyError('No prediction to save yet: press Train first.');
    if (this.store.getState().prediction.stale) {
      throw new ViewerNotReadyError('The prediction was made for another set of classes: press Train (or Retrain) so it covers the classes listed now, then save.');
    }
    return this.result;
  }
}
