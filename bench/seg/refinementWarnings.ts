/**
 * How often the panel's and the CLI's refinement warning fires over a bench run: engine runs with a first result
 * whose refined result keeps a class under a quarter, or over four times, of its first-result voxels (the engine's
 * `refinementChanges`, the same rule the product applies).
 */
import { refinementChanges } from '../../src/ssldec';
import type { RunRecord } from './summary';

export interface RefinementWarningCount {
  /** Engine runs with a first result (the SSLDEC rounds ran after it). */
  runs: number;
  /** One line per flagged class: case, subject, effort, seed, method, class, first → refined voxels. */
  warned: string[];
}

export function countRefinementWarnings(records: readonly RunRecord[]): RefinementWarningCount {
  const withFirst = records.filter((r) => r.firstResult && r.voxelsPerClass);
  const warned = withFirst.flatMap((r) => {
    const names = Object.keys(r.firstResult!.voxelsPerClass);
    const first = names.map((n) => r.firstResult!.voxelsPerClass[n]);
    const refined = names.map((n) => r.voxelsPerClass![n] ?? 0);
    const { shrunk, grown } = refinementChanges(first, refined, names.map((_, i) => i));
    return [...shrunk, ...grown].map((c) =>
      `${r.case}/${r.subject} ${r.effort} seed ${r.seed} ${r.method}: "${names[c.value]}" ${c.firstVoxels} → ${c.refinedVoxels} voxels`);
  });
  return { runs: withFirst.length, warned };
}
