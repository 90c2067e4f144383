/** What a benchmark case is: real images with a full truth, the classes a clinician would scribble, and what is scored. */
import type { ClassInfo } from '../../../src/ssldec';
import type { Labelmap, Volume } from '../../../src/volume/Volume';

/** One image of a case (a case may hold several patients). */
export interface CaseSubject {
  /** Short id within the case ("pat0005"). */
  id: string;
  volume: Volume;
  /** Every voxel labelled with its class value 1..K (no 0): scribbles are drawn from it and predictions scored on it. */
  truth: Labelmap;
  /** Shared-data files it was read from (for the JSON). */
  files: string[];
  /** How the grid was cut from the files, in words ("crop 137x143x186 at [60,44,35] of 256x256x256"). */
  grid: string;
}

export interface SegCase {
  /** The shared-data folder name, used on the command line (--cases). */
  name: string;
  /** The scribbled classes, values 1..K; every one is scribbled on every effort. */
  classes: ClassInfo[];
  /** Class values whose Dice make the case's mean (the anatomy asked for, not the catch-all class). */
  scored: number[];
  /**
   * Slices are 2D images of one study (too few, or too far apart, for 3D context): the classical baselines filter
   * and connect in-plane only.
   */
  twoD: boolean;
  subjects: CaseSubject[];
}

/** A case's loader, so a run reads only the cases it asked for. */
export interface CaseLoader {
  name: string;
  /** One line: data and classes. */
  description: string;
  /**
   * Not one of the suite's cases: never tuned on, run only when named, left out of the suite's targets (a check that
   * what was chosen on the suite carries over).
   */
  heldOut?: boolean;
  load(): SegCase;
}

/** Check that a subject's truth covers every voxel with a class of the case; throws a clear error otherwise. */
export function checkTruth(c: Pick<SegCase, 'name' | 'classes'>, subject: CaseSubject): void {
  const n = subject.volume.channels[0].length;
  if (subject.truth.data.length !== n) {
    throw new Error(`${c.name}/${subject.id}: truth has ${subject.truth.data.length} voxels, image ${n}: grids differ`);
  }
  const known = new Set(c.classes.map((k) => k.value));
  const counts = new Map<number, number>();
  for (const v of subject.truth.data) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [v, count] of counts) {
    if (!known.has(v)) throw new Error(`${c.name}/${subject.id}: truth value ${v} (${count} voxels) is not a class of the case`);
  }
  for (const k of c.classes) {
    if (!counts.has(k.value)) throw new Error(`${c.name}/${subject.id}: class ${k.name} (${k.value}) has no voxel in the truth`);
  }
}
