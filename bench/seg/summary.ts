/** One record per run, and their means over seeds and subjects per case, effort and method. */
import { mean } from '../lib/table';
import type { MethodRun } from './methods';

/** One run: where it ran and on what, its scores, and its costs as the method reported them (MethodRun). */
export interface RunRecord extends Omit<MethodRun, 'prediction' | 'firstPrediction' | 'confidence' | 'model'> {
  case: string;
  subject: string;
  /** "3x3": slices × strokes per class asked for. */
  effort: string;
  slices: number;
  strokes: number;
  seed: number;
  /** Engine runs: the seed the network trained from (the draw's seed unless --network-seed-offsets asked for others). */
  networkSeed?: number;
  /** Engine runs with --warm-filter-bank: the subject's runs shared a filter-bank cache (all but its first reuse it). */
  filterBankCache?: boolean;
  /** Engine runs: the set-up (filter bank, geodesic distances) was shared with a second thread (all but --one-thread). */
  setupThread?: boolean;
  method: string;
  /** k indices actually scribbled (fewer than asked when fewer slices show every class). */
  scribbledSlices: number[];
  labelledVoxels: number;
  /** labelledVoxels / voxels of the case's grid. */
  labelledShare: number;
  /** Dice by class name, every class of the case. */
  dice: Record<string, number>;
  /** Mean Dice over the case's scored classes. */
  mean: number;
  /** Scribbled classes absent from the prediction (names). */
  missingClasses: string[];
  /** Voxels per class name in the prediction. */
  voxelsPerClass?: Record<string, number>;
  /**
   * Per true class name, its voxels by the class name predicted (dice.ts, confusionFromPairs): where each class's errors
   * go. Absent in runs saved before it was recorded.
   */
  confusion?: Record<string, Record<string, number>>;
  /** Engine runs with a first result (before the SSLDEC rounds): its Dice by class, mean, voxels per class and confusion. */
  firstResult?: { dice: Record<string, number>; mean: number; voxelsPerClass: Record<string, number>; confusion?: Record<string, Record<string, number>> };
}

export interface SummaryRow {
  case: string;
  effort: string;
  method: string;
  /** Runs averaged (subjects × seeds × network seeds). */
  runs: number;
  dice: Record<string, number>;
  mean: number;
  /** Runs with at least one scribbled class missing from the prediction. */
  runsMissingAClass: number;
  firstPredictionSeconds: number;
  totalSeconds: number;
  peakRssMiB: number;
  peakTensorMiB: number;
}

/** Means over seeds, subjects and network seeds, one row per case × effort × method, in first-seen order. */
export function summarise(records: RunRecord[]): SummaryRow[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.case}|${r.effort}|${r.method}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const names = Object.keys(rs[0].dice);
    return {
      case: rs[0].case,
      effort: rs[0].effort,
      method: rs[0].method,
      runs: rs.length,
      dice: Object.fromEntries(names.map((n) => [n, mean(rs.map((r) => r.dice[n]))])),
      mean: mean(rs.map((r) => r.mean)),
      runsMissingAClass: rs.filter((r) => r.missingClasses.length > 0).length,
      firstPredictionSeconds: mean(rs.map((r) => r.firstPredictionSeconds)),
      totalSeconds: mean(rs.map((r) => r.totalSeconds)),
      peakRssMiB: Math.max(...rs.map((r) => r.memory.rssMiB)),
      peakTensorMiB: Math.max(...rs.map((r) => r.memory.tfTensorMiB)),
    };
  });
}
