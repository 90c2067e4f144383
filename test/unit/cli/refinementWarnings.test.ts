import { refinementWarnings } from '../../../src/cli/refinementWarnings';
import { refinementChanges } from '../../../src/ssldec';

describe('the CLI\'s refinement warnings', () => {
  test('name the class, the share kept or the growth, the voxel counts, and --first-result', () => {
    const changes = refinementChanges([0, 40000, 58000, 900], [0, 828, 779000, 1000], [1, 2, 3]);
    const names = ['', 'aorta', 'vessel', 'everything else'];
    const lines = refinementWarnings(changes, (c) => names[c.value]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/kept only 2 % of "aorta" from the first result \(40000 → 828 voxels\)/);
    expect(lines[1]).toMatch(/grew "vessel" to 13\.4 times its voxels in the first result \(58000 → 779000\)/);
    for (const line of lines) expect(line).toMatch(/run again with --first-result/);
    // A class all but gone is not "0 %".
    const gone = refinementWarnings(refinementChanges([0, 715582], [0, 828], [1]), () => 'aorta');
    expect(gone[0]).toMatch(/kept only less than 1 % of "aorta" from the first result \(715582 → 828 voxels\)/);
  });

  test('say nothing when no class left the bounds', () => {
    expect(refinementWarnings(refinementChanges([0, 100, 100], [0, 90, 300], [1, 2]), () => 'x')).toEqual([]);
  });
});
