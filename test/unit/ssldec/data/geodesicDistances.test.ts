import { upperMedian } from '../../../../src/ssldec/data/geodesicDistances';
import { SeededRandom } from '../../../../src/ssldec/data/random';

/** What upperMedian replaces: the value at ⌊n/2⌋ of a sorted copy. */
const bySorting = (values: Float32Array) => values.slice().sort()[Math.floor(values.length / 2)];

describe('upperMedian', () => {
  it('is the sorted middle value, with ties, repeats and every length from 1 to 40', () => {
    const random = new SeededRandom(7);
    const rng = () => random.next();
    for (let n = 1; n <= 40; n++) {
      for (let draw = 0; draw < 20; draw++) {
        // Few distinct values (ties everywhere), many, or the far distance of unreached cells.
        const levels = [2, 5, 1000][draw % 3];
        const values = Float32Array.from({ length: n }, () => (rng() < 0.1 ? 1e4 : Math.floor(rng() * levels) / 7));
        const expected = bySorting(values);
        expect(upperMedian(values)).toBe(expected);
      }
    }
  });

  it('is the sorted middle value of a large array, sorted or reversed as well as shuffled', () => {
    const random = new SeededRandom(3);
    const rng = () => random.next();
    const shuffled = Float32Array.from({ length: 100_001 }, () => rng() * 3);
    const sorted = shuffled.slice().sort();
    const reversed = sorted.slice().reverse();
    for (const values of [shuffled, sorted, reversed, new Float32Array(1000).fill(0.25)]) {
      const expected = bySorting(values);
      expect(upperMedian(values.slice())).toBe(expected);
    }
  });
});
