/**
 * One progress figure for a whole training run: the engine reports each phase on its own scale (supervised steps,
 * then every SSLDEC round from 1/S again, then inference tiles), so a bar driven by step/total ran backwards at each
 * round and its ETA left out prediction. Here the run is measured in seconds: done = time spent, left = steps not
 * yet taken at the measured seconds per step plus an estimate of prediction (refined once its first tile is done;
 * a run with a preview predicts twice, and the preview's pass times the final one). The share done never decreases.
 */
import type { TrainProgress } from '../../src/ssldec/types';

/** The run as planned (the resolved schedule) and the volume predicted at the end. */
export interface RunPlan {
  supervisedSteps: number;
  maxRounds: number;
  roundSteps: number;
  /** Voxels the model predicts at the end, and voxels one training step sees (batch × patch area). */
  predictedVoxels: number;
  voxelsPerStep: number;
  /** Seconds per predicted voxel measured on an earlier run of this worker, if any. */
  secondsPerPredictedVoxel?: number;
  /** Until then: a predicted voxel's cost as a share of a step's per voxel ({@link forwardShareOfStep}; default 1/3). */
  forwardShareOfStep?: number;
  /** Whether the run predicts the volume once more after the supervised phase (the preview; default no). */
  preview?: boolean;
}

/** What the panel gets with every event. */
export interface RunProgressFigures {
  /** Share of the run done, 0..1, never decreasing. */
  fraction: number;
  /** Seconds left for the whole run, prediction included; absent until a step has been timed. */
  etaSeconds?: number;
  /** SSLDEC rounds planned (the engine may stop earlier when labels settle). */
  rounds: number;
}

/**
 * What predicting one voxel costs, as a share of what one training step costs per voxel it sees, by backend. Used
 * only until a first run or tile has been timed. Measured with `npm run bench:speed` (default model; BENCHMARKS.md):
 * wasm in a Chromium worker predicts at about the step's own cost per voxel (136 s for 256×256×160 against 9.2
 * steps/s of 8×32² voxels: 0.98; one thread 1.3), WebGL at 0.14 and WebGPU (SwiftShader) at 0.23 of it; wasm and
 * cpu in Node at a third. A third for wasm in the viewer put the first run's ETA at half the time left once only
 * prediction remained (e2e, 91×106×8).
 */
const FORWARD_SHARE_OF_STEP: Readonly<Record<string, number>> = { wasm: 1, webgl: 0.15, webgpu: 0.25, cpu: 1 / 3 };
const DEFAULT_FORWARD_SHARE = 1 / 3;

/** The share for a backend (see FORWARD_SHARE_OF_STEP). */
export function forwardShareOfStep(backend: string | undefined): number {
  return (backend !== undefined ? FORWARD_SHARE_OF_STEP[backend] : undefined) ?? DEFAULT_FORWARD_SHARE;
}

/**
 * Step durations the step time is taken from: the median of the last 32, which follows the machine's current speed
 * and ignores a few slow steps (a shared machine's load comes and goes).
 */
const STEP_WINDOW = 32;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Turns engine events into {@link RunProgressFigures}; `now()` in seconds. */
export class RunProgress {
  private readonly started: number;
  private trainingSteps = 0;
  /** Arrival time of the last training step, and the durations of the recent ones (the first step, which also pays
   *  for setting up, gives none). */
  private lastStepAt?: number;
  private readonly recentSteps: number[] = [];
  private inferenceStarted?: number;
  private previewStarted?: number;
  /** Seconds the preview's whole-volume pass took, once done: the final pass costs the same. */
  private previewSeconds?: number;
  /** The last seconds-left estimate and when it was made. */
  private lastEstimate?: { left: number; at: number };
  /** Time of the last event before inference: the first tile's event arrives after the tile, so this is its start. */
  private lastEventAt: number;
  private fraction = 0;

  constructor(private readonly plan: RunPlan, private readonly now: () => number) {
    this.started = now();
    this.lastEventAt = this.started;
  }

  /** Seconds per predicted voxel of the finished inference (for the next run's estimate), if it ran. */
  secondsPerPredictedVoxel(): number | undefined {
    if (this.inferenceStarted === undefined) return undefined;
    return (this.now() - this.inferenceStarted) / Math.max(1, this.plan.predictedVoxels);
  }


  /** Figures after `event`; before a step has been timed the share stays and no ETA is given. */
  update(event: TrainProgress): RunProgressFigures {
    const t = this.now();
    const p = this.plan;
    let left: number | undefined;
    if (event.phase === 'inference') {
      this.inferenceStarted ??= this.lastEventAt;
      const perTile = (t - this.inferenceStarted) / Math.max(1, event.step);
      left = perTile * Math.max(0, event.total - event.step);
    } else if (event.phase === 'preview') {
      this.previewStarted ??= this.lastEventAt;
      if (event.step >= event.total) this.previewSeconds = t - this.previewStarted;
      // The next step is timed from the end of the pass, not from the last supervised step. During the pass the
      // last estimate counts down: re-pricing the rounds by supervised steps (cheaper than round steps, whose time is
      // not known yet) ran short (e2e: 0.44× the time left).
      this.lastStepAt = t;
      this.lastEventAt = t;
      if (this.lastEstimate) left = Math.max(0, this.lastEstimate.left - (t - this.lastEstimate.at));
    } else {
      if (event.phase === 'supervised' || event.phase === 'ssldec') {
        this.trainingSteps++;
        if (this.lastStepAt !== undefined) {
          this.recentSteps.push(t - this.lastStepAt);
          if (this.recentSteps.length > STEP_WINDOW) this.recentSteps.shift();
        }
        this.lastStepAt = t;
      }
      const planned = p.supervisedSteps + p.maxRounds * p.roundSteps;
      const stepsLeft = event.phase === 'ssldec' && event.round !== undefined
        ? Math.max(0, event.total - event.step) + Math.max(0, p.maxRounds - event.round) * p.roundSteps
        : Math.max(0, planned - this.trainingSteps);
      const perStep = median(this.recentSteps);
      if (perStep !== undefined) {
        const previewPending = p.preview === true && this.previewStarted === undefined;
        left = stepsLeft * perStep + this.inferenceEstimate(perStep) * (previewPending ? 2 : 1);
      }
      this.lastEventAt = t;
    }
    if (left === undefined) return { fraction: this.fraction, rounds: p.maxRounds };
    this.lastEstimate = { left, at: t };
    const spent = t - this.started;
    const share = spent + left > 0 ? spent / (spent + left) : 0;
    this.fraction = Math.min(1, Math.max(this.fraction, share));
    return { fraction: this.fraction, etaSeconds: Math.max(0, left), rounds: p.maxRounds };
  }

  private inferenceEstimate(perStep: number): number {
    const p = this.plan;
    if (this.previewSeconds !== undefined) return this.previewSeconds;
    if (p.secondsPerPredictedVoxel !== undefined) return p.secondsPerPredictedVoxel * p.predictedVoxels;
    return perStep * (p.forwardShareOfStep ?? DEFAULT_FORWARD_SHARE) * (p.predictedVoxels / Math.max(1, p.voxelsPerStep));
  }
}
