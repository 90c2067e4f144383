/**
 * One progress figure for a whole training run: the engine reports each phase on its own scale (supervised steps,
 * then every SSLDEC round from 1/S again, then the parts of a whole-volume pass), so a bar driven by step/total ran
 * backwards at each round and its ETA left out prediction. Here the run is measured in seconds: done = time spent,
 * left = the supervised steps left at a supervised step's time, the round steps left at a round step's, and the
 * whole-volume passes left at a pass's (a run with a preview predicts twice, and the preview's pass times the final
 * one, less the image-only work the final pass reads from it). Each phase is priced by its own measured time once it
 * has one: a supervised step computes only its patches' scribbled voxels, a round step whole patches and, once a
 * round, the pool's q. The share done never decreases.
 */
import type { TrainProgress } from '../../src/ssldec/types';

/** The run as planned (the resolved schedule) and the volume predicted at the end. */
export interface RunPlan {
  supervisedSteps: number;
  maxRounds: number;
  roundSteps: number;
  /** Voxels the model predicts at the end, and voxels one round step sees (batch × patch area). */
  predictedVoxels: number;
  voxelsPerStep: number;
  /** Seconds per predicted voxel measured on an earlier run of this worker, if any. */
  secondsPerPredictedVoxel?: number;
  /** Until then: a predicted voxel's cost as a share of a round step's per voxel ({@link forwardShareOfStep}). */
  forwardShareOfStep?: number;
  /** Whether the run predicts the volume once more after the supervised phase (the preview; default no). */
  preview?: boolean;
}

/** What the panel gets with every event. */
export interface RunProgressFigures {
  /** Share of the run done, 0..1, never decreasing. */
  fraction: number;
  /** Seconds left for the whole run, prediction included; absent until the supervised steps have been timed. */
  etaSeconds?: number;
  /** SSLDEC rounds planned (the engine may stop earlier when labels settle). */
  rounds: number;
}

/**
 * What predicting one voxel (a whole pass, its clean-up included) costs, as a share of what one round step costs per
 * voxel it sees, by backend. Used only until a pass has been timed (the preview, or an earlier run of this worker).
 * wasm: measured in the viewer (BENCHMARKS.md, "viewer: the ETA"). The others were measured against a whole-patch
 * supervised step, which costs less than a round step; they are priors, replaced by the preview's time.
 */
const FORWARD_SHARE_OF_STEP: Readonly<Record<string, number>> = { wasm: 0.45, webgl: 0.15, webgpu: 0.25, cpu: 1 / 3 };
const DEFAULT_FORWARD_SHARE = 1 / 3;

/** The share for a backend (see FORWARD_SHARE_OF_STEP). */
export function forwardShareOfStep(backend: string | undefined): number {
  return (backend !== undefined ? FORWARD_SHARE_OF_STEP[backend] : undefined) ?? DEFAULT_FORWARD_SHARE;
}

/**
 * A round step's time in supervised steps, until a round is finished (measured in the viewer on wasm, 3.0–7.3;
 * BENCHMARKS.md, "viewer: the ETA").
 */
export const ROUND_STEP_COST = 5;

/**
 * The supervised step's time is the median of the last 32 steps: it follows the machine's current speed and passes
 * over a few slow steps (a shared machine's load comes and goes). A run's first steps take up to two to three times as
 * long (a fresh worker's while its code warms up; in the e2e's traces a Retrain's on a warm worker too), so the 8
 * after the first (a quarter of a shorter phase) are not timed, and no ETA is given until 16 are (or all the rest, in
 * a shorter phase). The lower quartile, tried first, ran short (BENCHMARKS.md, "viewer: the ETA").
 */
const STEP_WINDOW = 32;
const WARM_UP_STEPS = 8;
const MIN_TIMED_STEPS = 16;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Turns engine events into {@link RunProgressFigures}; `now()` in seconds. */
export class RunProgress {
  private readonly started: number;
  private supervisedDone = 0;
  /** Arrival time of the last supervised step, and the durations of the recent ones (the first step, which also pays
   *  for setting up, gives none). */
  private lastStepAt?: number;
  private readonly recentSupervised: number[] = [];
  /** When the rounds started (the end of the pass before them), the round steps taken since, and the seconds per
   *  round step over the finished rounds. */
  private roundsStarted?: number;
  private roundStepsDone = 0;
  private roundSeconds?: number;
  private inferenceStarted?: number;
  private previewStarted?: number;
  /** Seconds the preview's whole-volume pass took, once done, and of those the work the final pass reads from it. */
  private previewSeconds?: number;
  private reusableSeconds = 0;
  /** The last seconds-left estimate and when it was made. */
  private lastEstimate?: { left: number; at: number };
  /** Time of the last event: a pass's first part arrives after that part, so this is the pass's start. */
  private lastEventAt: number;
  private fraction = 0;

  /** Supervised steps after the first that are not timed (WARM_UP_STEPS, or a quarter of a shorter phase). */
  private readonly warmUpSteps: number;

  constructor(private readonly plan: RunPlan, private readonly now: () => number) {
    this.warmUpSteps = Math.min(WARM_UP_STEPS, Math.floor(plan.supervisedSteps / 4));
    this.started = now();
    this.lastEventAt = this.started;
  }

  /**
   * Seconds per predicted voxel of the finished inference (for the next run's estimate), if it ran, with the work it
   * read from the preview counted in: the next run's first pass computes it again.
   */
  secondsPerPredictedVoxel(): number | undefined {
    if (this.inferenceStarted === undefined) return undefined;
    return (this.now() - this.inferenceStarted + this.reusableSeconds) / Math.max(1, this.plan.predictedVoxels);
  }

  /** Figures after `event`; before the supervised steps have been timed the share stays and no ETA is given. */
  update(event: TrainProgress): RunProgressFigures {
    const t = this.now();
    const p = this.plan;
    let left: number | undefined;
    if (event.phase === 'inference') {
      this.inferenceStarted ??= this.lastEventAt;
      const perPart = (t - this.inferenceStarted) / Math.max(1, event.step);
      left = perPart * Math.max(0, event.total - event.step);
    } else if (event.phase === 'preview') {
      this.previewStarted ??= this.lastEventAt;
      const last = event.step >= event.total;
      if (last) {
        this.previewSeconds = t - this.previewStarted;
        this.reusableSeconds = Math.min(this.previewSeconds, event.reusableSeconds ?? 0);
      }
      // During the pass the last estimate counts down (the pass was priced in it); at its end the final pass it priced
      // loses what it will read from this one.
      if (this.lastEstimate) left = Math.max(0, this.lastEstimate.left - (t - this.lastEstimate.at) - (last ? this.reusableSeconds : 0));
    } else {
      if (event.phase === 'supervised') {
        this.supervisedDone++;
        if (this.lastStepAt !== undefined && this.supervisedDone > 1 + this.warmUpSteps) {
          this.recentSupervised.push(t - this.lastStepAt);
          if (this.recentSupervised.length > STEP_WINDOW) this.recentSupervised.shift();
        }
        this.lastStepAt = t;
      } else if (event.phase === 'ssldec') {
        // A round step's time is the finished rounds' average: each round starts with its pool's q (its first step
        // took six times the others on the demo study), so a round's own first steps would overprice the rest.
        this.roundsStarted ??= this.lastEventAt;
        this.roundStepsDone++;
        if (event.step >= event.total) this.roundSeconds = (t - this.roundsStarted) / this.roundStepsDone;
      }
      const rounding = event.phase === 'ssldec' && event.round !== undefined;
      const supervisedLeft = rounding ? 0 : Math.max(0, p.supervisedSteps - this.supervisedDone);
      const roundStepsLeft = rounding
        ? Math.max(0, event.total - event.step) + Math.max(0, p.maxRounds - event.round!) * p.roundSteps
        : p.maxRounds * p.roundSteps;
      const timed = this.recentSupervised.length >= Math.min(MIN_TIMED_STEPS, Math.max(1, p.supervisedSteps - 1 - this.warmUpSteps));
      const perSupervised = timed ? median(this.recentSupervised) : undefined;
      const perRound = this.roundSeconds ?? (perSupervised !== undefined ? perSupervised * ROUND_STEP_COST : undefined);
      if (perRound !== undefined) {
        const previewPending = p.preview === true && this.previewStarted === undefined;
        left = supervisedLeft * (perSupervised ?? 0) + roundStepsLeft * perRound
          + this.passEstimate(perRound) * (previewPending ? 2 : 1);
      }
    }
    this.lastEventAt = t;
    if (left === undefined) return { fraction: this.fraction, rounds: p.maxRounds };
    this.lastEstimate = { left, at: t };
    const spent = t - this.started;
    const share = spent + left > 0 ? spent / (spent + left) : 0;
    this.fraction = Math.min(1, Math.max(this.fraction, share));
    return { fraction: this.fraction, etaSeconds: Math.max(0, left), rounds: p.maxRounds };
  }

  /**
   * Seconds a whole-volume pass takes: measured (the preview's, less what the final pass reads from it; an earlier
   * run's) or else priced by a round step's.
   */
  private passEstimate(perRoundStep: number): number {
    const p = this.plan;
    if (this.previewSeconds !== undefined) return this.previewSeconds - this.reusableSeconds;
    if (p.secondsPerPredictedVoxel !== undefined) return p.secondsPerPredictedVoxel * p.predictedVoxels;
    return perRoundStep * (p.forwardShareOfStep ?? DEFAULT_FORWARD_SHARE) * (p.predictedVoxels / Math.max(1, p.voxelsPerStep));
  }
}
