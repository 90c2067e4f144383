/** Which saved runs `--report` may merge into one suite's means. */
import type { RunRecord } from './summary';

/**
 * Records of the draws (case, subject, effort, seed) on which every method of the merged runs ran, each run once: a
 * method's mean over other draws than its neighbours' would compare different scribbles. An engine method trained
 * from several network seeds (--network-seed-offsets) keeps one run per network seed.
 */
export function completeDraws(records: RunRecord[]): { complete: RunRecord[]; dropped: string[] } {
  const methods = new Set(records.map((r) => r.method));
  const draws = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.case}/${r.subject} ${r.effort} seed ${r.seed}`;
    const rs = draws.get(key) ?? [];
    // The same run saved by two processes counts once (the first file's).
    if (!rs.some((x) => x.method === r.method && x.networkSeed === r.networkSeed)) draws.set(key, [...rs, r]);
  }
  const complete: RunRecord[] = [];
  const dropped: string[] = [];
  for (const [key, rs] of draws) {
    if (new Set(rs.map((r) => r.method)).size === methods.size) complete.push(...rs);
    else dropped.push(`${key} (${rs.map((r) => r.method).join(', ')})`);
  }
  return { complete, dropped };
}
