/**
 * One monotone share for the whole run and an ETA that includes prediction: driven with the event sequence the
 * engine emits (setup, supervised steps, SSLDEC rounds each counting from 1 again, inference tiles) on a fake clock.
 */
import { forwardShareOfStep, RunProgress, type RunPlan } from '../../../../extension/worker/RunProgress';
import type { TrainProgress } from '../../../../src/ssldec/types';

const PLAN: RunPlan = { supervisedSteps: 10, maxRounds: 3, roundSteps: 4, predictedVoxels: 3000, voxelsPerStep: 100 };

/** The engine's events for PLAN, each with the clock time (s) it arrives at: 1 s per step, 2 s per inference tile. */
function events(): Array<[number, TrainProgress]> {
  const out: Array<[number, TrainProgress]> = [[0, { phase: 'setup', step: 1, total: 1, backend: 'wasm' }]];
  let t = 0;
  for (let s = 1; s <= 10; s++) out.push([++t, { phase: 'supervised', step: s, total: 10, backend: 'wasm' }]);
  for (let r = 1; r <= 3; r++) for (let s = 1; s <= 4; s++) out.push([++t, { phase: 'ssldec', round: r, step: s, total: 4, backend: 'wasm' }]);
  for (let s = 1; s <= 5; s++) out.push([(t += 2), { phase: 'inference', step: s, total: 5, backend: 'wasm' }]);
  return out;
}

/** The same run with a preview: after the supervised steps, the volume is predicted once more (5 tiles of 2 s). */
function eventsWithPreview(): Array<[number, TrainProgress]> {
  const out = events();
  const lastSupervised = out.findIndex(([, e]) => e.phase === 'ssldec');
  let t = out[lastSupervised - 1][0];
  const preview: Array<[number, TrainProgress]> = [];
  for (let s = 1; s <= 5; s++) preview.push([(t += 2), { phase: 'preview', step: s, total: 5, backend: 'wasm' }]);
  const after = out.slice(lastSupervised).map(([time, e]): [number, TrainProgress] => [time + 10, e]);
  return [...out.slice(0, lastSupervised), ...preview, ...after];
}

describe('RunProgress', () => {
  it('never goes back across phases and rounds, and ends at 1', () => {
    let now = 0;
    const progress = new RunProgress(PLAN, () => now);
    const shares: number[] = [];
    for (const [t, e] of events()) {
      now = t;
      shares.push(progress.update(e).fraction);
    }
    // Setup and the first step (which paid for setting up) give no step time: the bar does not jump ahead.
    expect(shares.slice(0, 2)).toEqual([0, 0]);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
    expect(shares[shares.length - 1]).toBe(1);
  });

  it('counts prediction in the ETA from the start, and is within a factor of 2 of the time left past 20 %', () => {
    let now = 0;
    // seconds per predicted voxel as measured on an earlier run: 10 s for 3000 voxels (the true value here)
    const progress = new RunProgress({ ...PLAN, secondsPerPredictedVoxel: 10 / 3000 }, () => now);
    const all = events();
    const end = all[all.length - 1][0];
    for (const [t, e] of all) {
      now = t;
      const { fraction, etaSeconds } = progress.update(e);
      if (fraction >= 0.2 && end - t > 0) {
        expect(etaSeconds).toBeGreaterThan((end - t) / 2);
        expect(etaSeconds).toBeLessThan((end - t) * 2);
      }
    }
    expect(progress.secondsPerPredictedVoxel()).toBeCloseTo(10 / 3000, 3);
  });

  it('with a preview: counts two predictions before it, then times the final one by it; monotone, within 2× past 20 %', () => {
    let now = 0;
    const progress = new RunProgress({ ...PLAN, preview: true, secondsPerPredictedVoxel: 10 / 3000 }, () => now);
    const all = eventsWithPreview();
    const end = all[all.length - 1][0];
    let last = 0;
    for (const [t, e] of all) {
      now = t;
      const { fraction, etaSeconds } = progress.update(e);
      expect(fraction).toBeGreaterThanOrEqual(last);
      last = fraction;
      if (t === 2) expect(etaSeconds).toBeCloseTo(8 + 12 + 2 * 10, 5); // 8 + 12 steps at 1 s, two 10 s predictions
      if (fraction >= 0.2 && end - t > 0) {
        expect(etaSeconds).toBeGreaterThan((end - t) / 2);
        expect(etaSeconds).toBeLessThan((end - t) * 2);
      }
      // Once the preview is done, the rounds (12 s) and a final pass as long as the preview's (10 s) are left.
      if (e.phase === 'preview' && e.step === 5) expect(etaSeconds).toBeCloseTo(12 + 10, 5);
    }
    expect(last).toBe(1);
  });

  it('estimates prediction from the step time before any run was timed', () => {
    let now = 0;
    const progress = new RunProgress(PLAN, () => now);
    now = 5; // the first step also paid for setting up: it gives no step time and no ETA
    const first = progress.update({ phase: 'supervised', step: 1, total: 10, backend: 'cpu' });
    expect(first).toEqual({ fraction: 0, rounds: 3 });
    now = 6;
    const second = progress.update({ phase: 'supervised', step: 2, total: 10, backend: 'cpu' });
    // 20 steps left at 1 s, plus 3000 voxels at a third of a 100-voxel step: 10 s
    expect(second.etaSeconds).toBeCloseTo(20 + 10, 5);
    expect(second.fraction).toBeCloseTo(6 / 36, 5);
  });

  it("prices a first run's prediction by the backend's measured forward share (wasm in the browser: a whole step's)", () => {
    expect(forwardShareOfStep('wasm')).toBe(1);
    expect(forwardShareOfStep('webgl')).toBeLessThan(forwardShareOfStep('cpu'));
    expect(forwardShareOfStep(undefined)).toBeCloseTo(1 / 3, 10);
    let now = 0;
    const progress = new RunProgress({ ...PLAN, forwardShareOfStep: forwardShareOfStep('wasm') }, () => now);
    now = 5;
    progress.update({ phase: 'supervised', step: 1, total: 10, backend: 'wasm' });
    now = 6;
    // 20 steps left at 1 s, plus 3000 voxels at a whole 100-voxel step each: 30 s
    expect(progress.update({ phase: 'supervised', step: 2, total: 10, backend: 'wasm' }).etaSeconds).toBeCloseTo(20 + 30, 5);
  });

  it('follows the current speed after a slow spell (a shared machine under load): ETA within 2× of the time left', () => {
    let now = 0;
    const plan: RunPlan = { supervisedSteps: 100, maxRounds: 0, roundSteps: 0, predictedVoxels: 1, voxelsPerStep: 1e9 };
    const progress = new RunProgress(plan, () => now);
    const arrival: number[] = [];
    for (let s = 1; s <= 100; s++) arrival.push((now = s <= 20 ? s : 20 + (s - 20) * 0.25));
    now = 0;
    // step 50: 50 steps left at 0.25 s = 12.5 s (an average since the first step, ~0.46 s, would say ~23 s)
    let figures = progress.update({ phase: 'supervised', step: 1, total: 100, backend: 'wasm' });
    for (let s = 1; s <= 50; s++) {
      now = arrival[s - 1];
      figures = progress.update({ phase: 'supervised', step: s, total: 100, backend: 'wasm' });
    }
    const left = arrival[99] - arrival[49];
    expect(figures.etaSeconds!).toBeGreaterThan(left / 2);
    expect(figures.etaSeconds!).toBeLessThan(left * 2);
  });
});
