/**
 * One monotone share for the whole run and an ETA that includes prediction: driven with the event sequence the
 * engine emits (setup, supervised steps, SSLDEC rounds each counting from 1 again, the parts of a whole-volume pass)
 * on a fake clock.
 */
import { forwardShareOfStep, ROUND_STEP_COST, RunProgress, type RunPlan } from '../../../../extension/worker/RunProgress';
import type { TrainProgress } from '../../../../src/ssldec/types';

const SUPERVISED_STEPS = 40;
const PLAN: RunPlan = { supervisedSteps: SUPERVISED_STEPS, maxRounds: 3, roundSteps: 4, predictedVoxels: 3000, voxelsPerStep: 100 };
/** The first step with an ETA: the first step and the 8 after it are not timed, then 16 are. */
const FIRST_ETA_STEP = 25;
const LEFT_AT_FIRST_ETA = SUPERVISED_STEPS - FIRST_ETA_STEP;
/** Seconds per supervised step, per round step (a round step computes whole patches; this test's rounds cost what
 *  ROUND_STEP_COST says) and per part of a whole-volume pass (5 parts: 10 s). */
const SUPERVISED_S = 1;
const ROUND_S = ROUND_STEP_COST * SUPERVISED_S;
const PART_S = 2;

function events(): Array<[number, TrainProgress]> {
  const out: Array<[number, TrainProgress]> = [[0, { phase: 'setup', step: 1, total: 1, backend: 'wasm' }]];
  let t = 0;
  for (let s = 1; s <= SUPERVISED_STEPS; s++) out.push([(t += SUPERVISED_S), { phase: 'supervised', step: s, total: SUPERVISED_STEPS, backend: 'wasm' }]);
  for (let r = 1; r <= 3; r++) for (let s = 1; s <= 4; s++) out.push([(t += ROUND_S), { phase: 'ssldec', round: r, step: s, total: 4, backend: 'wasm' }]);
  for (let s = 1; s <= 5; s++) out.push([(t += PART_S), { phase: 'inference', step: s, total: 5, backend: 'wasm' }]);
  return out;
}

/** The same run with a preview: after the supervised steps, the volume is predicted once more (5 parts of 2 s). */
function eventsWithPreview(): Array<[number, TrainProgress]> {
  const out = events();
  const lastSupervised = out.findIndex(([, e]) => e.phase === 'ssldec');
  let t = out[lastSupervised - 1][0];
  const preview: Array<[number, TrainProgress]> = [];
  for (let s = 1; s <= 5; s++) preview.push([(t += PART_S), { phase: 'preview', step: s, total: 5, backend: 'wasm' }]);
  const after = out.slice(lastSupervised).map(([time, e]): [number, TrainProgress] => [time + 10, e]);
  return [...out.slice(0, lastSupervised), ...preview, ...after];
}

/** Feeds `all` and returns each event's figures with the time left until the last event. */
function replay(plan: RunPlan, all: Array<[number, TrainProgress]>) {
  let now = 0;
  const progress = new RunProgress(plan, () => now);
  const end = all[all.length - 1][0];
  const figures = all.map(([t, e]) => {
    now = t;
    return { t, event: e, left: end - t, ...progress.update(e) };
  });
  return { progress, figures };
}

describe('RunProgress', () => {
  it('never goes back across phases and rounds, and ends at 1', () => {
    const { figures } = replay(PLAN, events());
    // Setup and the first step (which paid for setting up) give no step time: the bar does not jump ahead.
    expect(figures.slice(0, 2).map((f) => f.fraction)).toEqual([0, 0]);
    for (let i = 1; i < figures.length; i++) expect(figures[i].fraction).toBeGreaterThanOrEqual(figures[i - 1].fraction);
    expect(figures[figures.length - 1].fraction).toBe(1);
  });

  it('gives no ETA until 16 supervised steps after the first 9 are timed: a fresh worker\'s first steps are slow while its code warms up', () => {
    const { figures } = replay(PLAN, events());
    const supervised = figures.filter((f) => f.event.phase === 'supervised');
    expect(supervised.slice(0, FIRST_ETA_STEP - 1).every((f) => f.etaSeconds === undefined)).toBe(true);
    expect(supervised[FIRST_ETA_STEP - 1].etaSeconds).toBeDefined();
    // A phase of 10 steps: the first 3 not timed (the first and a quarter of the phase), an ETA once the rest are.
    const short = replay({ ...PLAN, supervisedSteps: 10 }, events().filter(([, e]) => e.phase !== 'supervised' || e.step <= 10)).figures;
    expect(short.filter((f) => f.event.phase === 'supervised').map((f) => f.etaSeconds !== undefined))
      .toEqual([...Array(9).fill(false), true]);
  });

  it('counts prediction in the ETA from the start, and is within a factor of 2 of the time left past 20 %', () => {
    // seconds per predicted voxel as measured on an earlier run: 10 s for 3000 voxels (the true value here)
    const { progress, figures } = replay({ ...PLAN, secondsPerPredictedVoxel: 10 / 3000 }, events());
    const judged = figures.filter((f) => f.fraction >= 0.2 && f.left > 0);
    expect(judged.length).toBeGreaterThan(15);
    for (const f of judged) {
      expect(f.etaSeconds).toBeGreaterThan(f.left / 2);
      expect(f.etaSeconds).toBeLessThan(f.left * 2);
    }
    expect(progress.secondsPerPredictedVoxel()).toBeCloseTo(10 / 3000, 3);
  });

  it('with a preview: counts two predictions before it, then times the final one by it; monotone, within 2× past 20 %', () => {
    const { figures } = replay({ ...PLAN, preview: true, secondsPerPredictedVoxel: 10 / 3000 }, eventsWithPreview());
    for (let i = 1; i < figures.length; i++) expect(figures[i].fraction).toBeGreaterThanOrEqual(figures[i - 1].fraction);
    for (const f of figures) {
      // At the first ETA: 15 supervised steps at 1 s, 12 round steps at ROUND_STEP_COST of them, two 10 s predictions
      if (f.event.phase === 'supervised' && f.event.step === FIRST_ETA_STEP) expect(f.etaSeconds).toBeCloseTo(LEFT_AT_FIRST_ETA + 12 * ROUND_S + 2 * 10, 5);
      if (f.fraction >= 0.2 && f.left > 0) {
        expect(f.etaSeconds).toBeGreaterThan(f.left / 2);
        expect(f.etaSeconds).toBeLessThan(f.left * 2);
      }
      // Once the preview is done, the rounds and a final pass as long as the preview's (10 s) are left.
      if (f.event.phase === 'preview' && f.event.step === 5) expect(f.etaSeconds).toBeCloseTo(12 * ROUND_S + 10, 5);
    }
    expect(figures[figures.length - 1].fraction).toBe(1);
  });

  it('a preview that did work the final pass reads prices that pass at the rest; the next run counts it back in', () => {
    // The preview's last part reports 4 of its 10 s as work the final pass reads instead (the appearance prior's
    // distances, the edge weights); the final pass here takes the 6 s left, in 5 parts.
    const all = eventsWithPreview().map(([t, e]): [number, TrainProgress] =>
      [t, e.phase === 'preview' && e.step === 5 ? { ...e, reusableSeconds: 4 } : e]);
    const lastRound = all.findIndex(([, e]) => e.phase === 'inference');
    const final = all.slice(lastRound).map(([, e], n): [number, TrainProgress] => [all[lastRound - 1][0] + (n + 1) * 1.2, e]);
    const { progress, figures } = replay({ ...PLAN, preview: true, secondsPerPredictedVoxel: 10 / 3000 }, [...all.slice(0, lastRound), ...final]);
    for (const f of figures) {
      if (f.event.phase === 'preview' && f.event.step === 5) expect(f.etaSeconds).toBeCloseTo(12 * ROUND_S + 6, 5);
      if (f.event.phase === 'ssldec') expect(f.etaSeconds).toBeCloseTo(f.left, 5);
    }
    // The next run's first pass computes everything again: 6 s of this final pass plus the 4 s it read.
    expect(progress.secondsPerPredictedVoxel()! * 3000).toBeCloseTo(10, 5);
  });

  it('prices round steps at ROUND_STEP_COST supervised steps until a round is done, then by the rounds\' average', () => {
    let now = 0;
    const progress = new RunProgress({ ...PLAN, secondsPerPredictedVoxel: 10 / 3000 }, () => now);
    for (let s = 1; s <= SUPERVISED_STEPS; s++) {
      now = s;
      progress.update({ phase: 'supervised', step: s, total: SUPERVISED_STEPS, backend: 'wasm' });
    }
    // A round's first step also computes the pool's q (here 9 s), the others take 3 s: the first round is priced by
    // the supervised steps, the later ones by the first round's average (18 s for 4 steps: 4.5 s).
    const steps = [9, 3, 3, 3];
    const etas: number[] = [];
    for (let s = 1; s <= 4; s++) {
      now += steps[s - 1];
      etas.push(progress.update({ phase: 'ssldec', round: 1, step: s, total: 4, backend: 'wasm' }).etaSeconds!);
    }
    expect(etas[0]).toBeCloseTo(11 * ROUND_STEP_COST + 10, 5);
    expect(etas[2]).toBeCloseTo(9 * ROUND_STEP_COST + 10, 5);
    expect(etas[3]).toBeCloseTo(8 * 4.5 + 10, 5);
  });

  it('estimates prediction from the step time before any run was timed', () => {
    const { figures } = replay(PLAN, events());
    const first = figures.find((f) => f.etaSeconds !== undefined)!;
    expect(first.event).toMatchObject({ phase: 'supervised', step: FIRST_ETA_STEP });
    // 15 supervised steps left at 1 s, 12 round steps at ROUND_STEP_COST s, plus 3000 voxels at a third of a
    // 100-voxel round step
    expect(first.etaSeconds).toBeCloseTo(LEFT_AT_FIRST_ETA + 12 * ROUND_S + 30 * ROUND_S / 3, 5);
    expect(first.fraction).toBeCloseTo(FIRST_ETA_STEP / (FIRST_ETA_STEP + first.etaSeconds!), 5);
  });

  it("prices a first run's prediction by the backend's measured forward share (wasm in the browser: 0.45 of a round step's)", () => {
    expect(forwardShareOfStep('wasm')).toBe(0.45);
    expect(forwardShareOfStep('webgl')).toBeLessThan(forwardShareOfStep('cpu'));
    expect(forwardShareOfStep(undefined)).toBeCloseTo(1 / 3, 10);
    const { figures } = replay({ ...PLAN, forwardShareOfStep: forwardShareOfStep('wasm') }, events());
    const first = figures.find((f) => f.etaSeconds !== undefined)!;
    expect(first.etaSeconds).toBeCloseTo(LEFT_AT_FIRST_ETA + 12 * ROUND_S + 30 * ROUND_S * 0.45, 5);
  });

  /** Supervised-only figures for steps of the given durations (s). */
  function supervisedRun(durations: number[]) {
    const plan: RunPlan = { supervisedSteps: durations.length, maxRounds: 0, roundSteps: 0, predictedVoxels: 1, voxelsPerStep: 1e9 };
    const all: Array<[number, TrainProgress]> = [];
    let t = 0;
    durations.forEach((d, i) => all.push([(t += d), { phase: 'supervised', step: i + 1, total: durations.length, backend: 'wasm' }]));
    return replay(plan, all).figures;
  }

  it("passes over a fresh worker's slow first steps: 17 steps after them the ETA prices the rest at the new speed", () => {
    // 30 steps at 0.5 s while the worker's code warms up, then 170 at 0.2 s.
    const figures = supervisedRun(Array.from({ length: 200 }, (_, i) => (i < 30 ? 0.5 : 0.2)));
    // Until then no estimate can know the speed to come: the first ETA (step 25) prices the rest at 0.5 s.
    expect(figures[24].etaSeconds).toBeCloseTo(175 * 0.5, 5);
    // From step 47 most of the last 32 steps are at 0.2 s.
    expect(figures[45].etaSeconds).toBeGreaterThan(figures[45].left);
    for (const f of figures.slice(46)) expect(f.etaSeconds).toBeCloseTo(f.left, 5);
  });

  it("prices the first ETA by the steps after a fresh worker's first 9, which are slower while its code warms up", () => {
    // The first 9 steps at 0.5 s, then 0.2 s: counting them, the first ETA would price the rest at 0.35 s.
    const figures = supervisedRun(Array.from({ length: 200 }, (_, i) => (i < 9 ? 0.5 : 0.2)));
    expect(figures[23].etaSeconds).toBeUndefined();
    for (const f of figures.slice(24)) expect(f.etaSeconds).toBeCloseTo(f.left, 5);
  });

  it('follows a lasting slow-down within the window (a shared machine under load)', () => {
    // 100 steps at 0.2 s, then 100 at 0.4 s: 25 steps into the slow spell, the ETA prices the rest at 0.4 s.
    const figures = supervisedRun(Array.from({ length: 200 }, (_, i) => (i < 100 ? 0.2 : 0.4)));
    for (const f of figures.slice(125)) expect(f.etaSeconds).toBeCloseTo(f.left, 5);
  });
});
