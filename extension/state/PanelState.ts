/**
 * The panel's whole state, owned by one store per viewer session (see createStore.ts). Everything the panel
 * shows is derived from it; OHIF and the worker only change it through actions (panelReducer.ts).
 */
import { UNSURE_BELOW } from '../../src/ssldec/infer/leastConfidentSlice';

/** RGB colour, 0..255 per channel. */
export type Rgb = [number, number, number];

/** One tissue class. `value` is its label in scribbles and prediction (1..K) and its segment index in OHIF. */
export interface PanelClass {
  value: number;
  name: string;
  color: Rgb;
}

/** Where a training run is. `idle` before the first run; `running` from Train/Retrain until a result or error. */
export type TrainingStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** The engine's phases plus the panel's own reading and writing of voxels. */
export type TrainingPhase = 'reading' | 'setup' | 'supervised' | 'preview' | 'ssldec' | 'inference' | 'writing';

/** Progress of the current (or last) run. */
export interface TrainingState {
  status: TrainingStatus;
  phase?: TrainingPhase;
  /** Steps done in `phase` (1-based) and steps in it. */
  step: number;
  total: number;
  /** Estimated seconds left for the whole run, prediction included (worker/RunProgress.ts). */
  etaSeconds?: number;
  /** Share of the whole run done, 0..1, monotone within a run. */
  fraction: number;
  /** SSLDEC round (1-based) and rounds planned, in the 'ssldec' phase. */
  round?: number;
  rounds?: number;
  /** Backend in use ('webgpu', 'webgl', 'cpu', ...). */
  backend?: string;
  /** Loss of each reported step of this run, in order (nats), for the live plot. */
  losses: number[];
  /** Whether this run continues from the model of the previous run (Retrain). */
  continued: boolean;
  /** `Date.now()` when Train was pressed, and ms from then to the final prediction overlay. */
  startedAt?: number;
  msToOverlay?: number;
  /** ms from Train to the preview overlay (the supervised model's prediction, shown while SSLDEC rounds run). */
  msToPreview?: number;
}

/** The prediction overlay. */
export interface PredictionState {
  available: boolean;
  /** Fill opacity of the overlay, 0..1. */
  opacity: number;
  /** Show where the model is unsure (confidence below `confidenceThreshold`) instead of the classes. */
  showConfidence: boolean;
  /** max_j q_ij below this counts as unsure, 0..1. */
  confidenceThreshold: number;
  /** Voxels per class value in the last prediction (index = class value; 0 unused). */
  voxelsPerClass: number[];
  /** The prediction was made for another set of classes (one added or removed since): Save waits for a new run. */
  stale: boolean;
  /**
   * Classes (panel values) that had strokes but no voxel in the last prediction: their strokes looked like another
   * class to the model. The panel warns by name; empty when every scribbled class appears.
   */
  missingClassValues: number[];
  /** Volume of one voxel in mL, to show class volumes in mL (0 until a grid is known). */
  voxelMl: number;
  /**
   * The last run's other result, which the user may switch to: 'first' (the supervised model's, shown as the preview)
   * while the refined one is on screen, 'refined' after switching to the first. Absent when there is none (a restored
   * prediction, a loaded model, a run without a preview). On some anatomy the first result is the better one.
   */
  other?: 'first' | 'refined';
  /** Voxels per class value in that other result, beside the shown one's: how far the rounds moved each class. */
  otherVoxelsPerClass?: number[];
  /** Where the shown result is least sure, among the slices without strokes: one place for corrective strokes. */
  doubtful?: DoubtfulImage;
  /**
   * Where the shown result and the run's other one differ most (the SSLDEC rounds moved it most), among the slices
   * without strokes, when that is not the doubtful image: the other place for corrective strokes.
   */
  moved?: MovedImage;
}

/** A slice of the source grid as the viewer numbers it. */
export interface SliceImage {
  /** Slice k of the source grid. */
  slice: number;
  /** Its place in the viewport's scrolling order, 1-based, and the images there ("image 5 of 8"). */
  image: number;
  images: number;
}

/** The slice the model doubts most (src/ssldec/infer/leastConfidentSlice.ts). */
export interface DoubtfulImage extends SliceImage {
  /** Its voxels below the confidence threshold. */
  unsureVoxels: number;
}

/** The slice where the run's two results differ most (src/ssldec/infer/mostChangedSlice.ts). */
export interface MovedImage extends SliceImage {
  /** Its voxels whose class differs between the two results. */
  changedVoxels: number;
}

/** Saving the prediction as DICOM-SEG. */
export interface SaveState {
  status: 'idle' | 'saving' | 'saved' | 'failed';
  /** SeriesInstanceUID and SOPInstanceUID of the stored SEG (when saved). */
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  /** Human-readable outcome: where it went, or why it failed. */
  message?: string;
}

/** A problem the clinician must see: what happened and what to do. */
export interface PanelMessage {
  title: string;
  message: string;
  /** Set when the message offers "Train at lower resolution": the in-plane factor N it promises (trains at 1/N). */
  lowerResolutionFactor?: number;
}

/** A series of the study on the active series' grid, offered as an extra input channel. */
export interface ChannelOption {
  seriesInstanceUid: string;
  /** What the clinician sees: modality, series number and description. */
  label: string;
}

/** Extra channels: co-registered series trained on together with the active one (T1 + T2, T1c + FLAIR). */
export interface ChannelsState {
  offered: ChannelOption[];
  /** SeriesInstanceUIDs of the series ticked as extra channels, in the order ticked (read in this order). */
  chosen: string[];
}

/** The panel state. */
export interface PanelState {
  classes: PanelClass[];
  /** Class whose brush is active, if any. */
  activeClassValue?: number;
  /** Class that OHIF's brush paints now: set once the scribble segmentation exists and its segment is active. */
  brushClassValue?: number;
  /** Brush diameter in mm, the width of a stroke (OHIF's setBrushSize takes half of it, the radius). */
  brushSize: number;
  training: TrainingState;
  prediction: PredictionState;
  save: SaveState;
  /** A trained model is held in the worker (Retrain and Save model are possible). */
  hasModel: boolean;
  channels: ChannelsState;
  /** Current error shown in `ssldec-error`. */
  error?: PanelMessage;
  /** Non-blocking information (backend fallback, restored session). */
  notice?: string;
}

/** State of a fresh panel: no classes yet, brush 10 mm wide, nothing trained. */
export function initialPanelState(): PanelState {
  return {
    classes: [],
    brushSize: 10,
    training: { status: 'idle', step: 0, total: 0, fraction: 0, losses: [], continued: false },
    prediction: { available: false, opacity: 0.5, showConfidence: false, confidenceThreshold: UNSURE_BELOW, voxelsPerClass: [], stale: false, missingClassValues: [], voxelMl: 0 },
    save: { status: 'idle' },
    hasModel: false,
    channels: { offered: [], chosen: [] },
  };
}
