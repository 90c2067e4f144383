/**
 * One GeometryMismatchError for the whole engine: the SEG writer and the trainer throw the same class, so a caller
 * (CLI exit codes, the panel's describeError) catches it once, whichever layer found the mismatch.
 */
import { GeometryMismatchError as FromSsldec } from '../../../src/ssldec';
import { GeometryMismatchError as FromSeg } from '../../../src/seg/SegmentationError';
import { GeometryMismatchError } from '../../../src/volume/GeometryMismatchError';
import { assertSameGrid } from '../../../src/seg/sourceGrid';
import type { Geometry } from '../../../src/volume/Volume';

const grid: Geometry = { dimensions: [4, 4, 2], spacing: [1, 1, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

describe('GeometryMismatchError', () => {
  it('is one class, whether imported from src/ssldec, src/seg or src/volume', () => {
    expect(FromSsldec).toBe(GeometryMismatchError);
    expect(FromSeg).toBe(GeometryMismatchError);
  });

  it('is what the SEG writer throws, caught as the engine class, with its name and a message that says what to do', () => {
    let caught: unknown;
    try {
      assertSameGrid({ ...grid, dimensions: [4, 4, 3] }, grid);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FromSsldec);
    expect((caught as Error).name).toBe('GeometryMismatchError');
    expect((caught as Error).message).toMatch(/dimensions is \[4,4,3\] but the source series has \[4,4,2\].*resample/);
  });
});
