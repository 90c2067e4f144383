import type { ChannelOption, DoubtfulImage, MovedImage, PanelClass, PanelMessage, Rgb, TrainingPhase } from './PanelState';

/** Progress as the panel needs it (a subset of the engine's TrainProgress plus the panel's own phases). */
export interface ProgressUpdate {
  phase: TrainingPhase;
  step: number;
  total: number;
  loss?: number;
  etaSeconds?: number;
  backend?: string;
  /** Share of the whole run done (0..1), from the worker; the bar never goes back within a run. */
  fraction?: number;
  /** SSLDEC round (1-based) and rounds planned. */
  round?: number;
  rounds?: number;
}

/** Everything that can change the panel state. */
export type PanelAction =
  | { type: 'classes/add'; name?: string; color?: Rgb }
  | { type: 'classes/rename'; value: number; name: string }
  | { type: 'classes/recolour'; value: number; color: Rgb }
  | { type: 'classes/remove'; value: number }
  | { type: 'classes/replace'; classes: PanelClass[] }
  | { type: 'classes/select'; value: number | undefined }
  | { type: 'brush/size'; size: number }
  | { type: 'brush/ready'; value: number }
  | { type: 'training/started'; continued: boolean; at: number }
  | { type: 'training/progress'; progress: ProgressUpdate }
  | { type: 'training/preview'; at: number }
  | { type: 'training/finished'; backend: string; voxelsPerClass: number[]; at: number; missingClassValues?: number[]; other?: 'first' | 'refined'; otherVoxelsPerClass?: number[] }
  | { type: 'training/cancelled' }
  | { type: 'training/failed'; error: PanelMessage }
  | { type: 'prediction/opacity'; opacity: number }
  | { type: 'prediction/showConfidence'; show: boolean }
  | {
    type: 'prediction/restored'; voxelsPerClass: number[]; stale?: boolean; missingClassValues?: number[];
    /** The kept other result of the last run, restored with its model. */
    other?: 'first' | 'refined'; otherVoxelsPerClass?: number[];
  }
  | { type: 'prediction/counts'; voxelsPerClass: number[] }
  | { type: 'prediction/voxelMl'; voxelMl: number }
  /**
   * The images to check in the shown result: the one it doubts most, and the one the rounds moved most (undefined:
   * none to offer, e.g. the viewport does not show the series, or the run kept no other result).
   */
  | { type: 'prediction/imagesToCheck'; doubtful: DoubtfulImage | undefined; moved: MovedImage | undefined }
  /** The user switched between the last run's refined and first results; `other` is the one now off screen. */
  | { type: 'prediction/switched'; voxelsPerClass: number[]; missingClassValues: number[]; other: 'first' | 'refined'; otherVoxelsPerClass: number[] }
  | { type: 'save/started' }
  | { type: 'save/succeeded'; seriesInstanceUid: string; sopInstanceUid: string; message: string }
  | { type: 'save/failed'; message: string }
  | { type: 'model/available'; available: boolean }
  | { type: 'error/set'; error: PanelMessage }
  | { type: 'error/clear' }
  | { type: 'notice/set'; notice: string | undefined }
  /** The study's series on the active series' grid. */
  | { type: 'channels/offered'; offered: ChannelOption[] }
  | { type: 'channels/choose'; seriesInstanceUid: string; chosen: boolean }
  /** Chosen channels kept from an earlier visit (checked against what is offered when the offer comes). */
  | { type: 'channels/restored'; chosen: string[] };
