import { trainSsldec } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import type { SsldecModel } from '../../../../src/ssldec/model/SsldecModel';
import { GROWTH_FLOOR_SHARE, growthGuardNote, grownClass, poolClassCounts } from '../../../../src/ssldec/train/growthGuard';
import { makePhantom } from '../helpers/phantom';

describe('the growth guard of the SSLDEC rounds', () => {
  test('counts only the unlabelled pool voxels, per class', () => {
    expect(poolClassCounts([0, 1, 1, 2, 2, 2], [1, 1, 0, 1, 1, 1], 4)).toEqual([1, 1, 3, 0]);
  });

  test('names the class that grew most past the factor, reading a rare class as at least the floor share', () => {
    const first = [900, 60, 40, 0];
    expect(grownClass(first, [860, 80, 60, 0], 1.5)).toBeUndefined(); // 1.33 and 1.5 are not past 1.5
    expect(grownClass(first, [760, 100, 140, 0], 1.5)).toEqual({ index: 2, growth: 3.5 });
    // A class absent at first is read as the floor share of the pool (10 of 1000 voxels): 12 is not a flood, 20 is.
    expect(GROWTH_FLOOR_SHARE * 1000).toBe(10);
    expect(grownClass(first, [888, 60, 40, 12], 1.5)).toBeUndefined();
    expect(grownClass(first, [880, 60, 40, 20], 1.5)).toEqual({ index: 3, growth: 2 });
    // Shrinking is never a flood.
    expect(grownClass(first, [1000, 0, 0, 0], 1.5)).toBeUndefined();
  });

  test('says which class spread and which network the result keeps', () => {
    const classes = [{ value: 1, name: 'Liver' }, { value: 2, name: 'Background' }];
    expect(growthGuardNote(classes, { index: 0, growth: 1.62, keptRounds: 3 })).toBe(
      'The SSLDEC rounds stopped early: "Liver" was spreading (1.6× its share of the sampled voxels after the first ' +
      'training), so the result keeps the network of round 3.');
    expect(growthGuardNote(classes, { index: 0, growth: 2, keptRounds: 0 })).toContain('keeps the first result\'s network');
  });

  describe('in a real run (cpu, tiny preset)', () => {
    const phantom = makePhantom([24, 24, 8], [3]);
    const run = { backend: 'cpu' as const, preset: 'tiny' as const, seed: 3, supervisedSteps: 12, maxRounds: 3, roundSteps: 4 };
    const weightsOf = (m: SsldecModel) => Promise.all(m.variables().map((v) => v.data()));

    test('a flood at the second round restores the supervised network, and says so', async () => {
      const before = tf.memory().numTensors;
      const supervised = await trainSsldec(phantom.volume, phantom.scribbles, { ...run, mode: 'supervised' });
      // A factor below 1 makes every check after the first a flood: the rounds go back to the first round's start.
      const guarded = await trainSsldec(phantom.volume, phantom.scribbles, { ...run, growthGuard: 1e-9 });
      expect(guarded.rounds).toBe(0);
      expect(await weightsOf(guarded.model)).toEqual(await weightsOf(supervised.model));
      expect(guarded.notes.some((n) => /The SSLDEC rounds stopped early: "Class \d" was spreading/.test(n))).toBe(true);
      expect(Array.from(guarded.prediction.data)).toEqual(Array.from(supervised.prediction.data));
      supervised.model.dispose();
      guarded.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 120000);

    test('a guard that never trips changes nothing: the same weights as with the guard off', async () => {
      const off = await trainSsldec(phantom.volume, phantom.scribbles, { ...run, growthGuard: 0 });
      const loose = await trainSsldec(phantom.volume, phantom.scribbles, { ...run, growthGuard: 1e9 });
      expect(off.rounds).toBeGreaterThan(0);
      expect(loose.rounds).toBe(off.rounds);
      expect(await weightsOf(loose.model)).toEqual(await weightsOf(off.model));
      expect(loose.notes).toEqual(off.notes);
      off.model.dispose();
      loose.model.dispose();
    }, 120000);
  });
});
