/**
 * The shared-data helper's two paths with a path that does not exist: elsewhere the suite is skipped without running
 * its body (bodies read fixtures while Jest collects tests; running them with no paths crashed four suites), and
 * under CI=true a missing path is an error, so CI cannot pass by skipping.
 */
import { describeWithSharedData, sharedData } from '../../helpers/sharedData';

const MISSING = 'no-such-folder-for-this-test';
const ci = process.env.CI;
const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
let bodyRan = false;
delete process.env.CI;
describeWithSharedData('a suite whose data is missing', [MISSING], () => {
  bodyRan = true;
});
if (ci !== undefined) process.env.CI = ci;
warn.mockRestore();

describe('sharedData helpers', () => {
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('does not run the body of a suite whose shared data is missing (outside CI)', () => {
    expect(bodyRan).toBe(false);
  });

  it('throws under CI=true when a path is missing, naming the path', () => {
    process.env.CI = 'true';
    expect(() => sharedData(MISSING)).toThrow(new RegExp(`Shared test data missing under CI: .*${MISSING}`));
  });

  it('returns undefined (skip) outside CI when a path is missing', () => {
    delete process.env.CI;
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedData(MISSING)).toBeUndefined();
    expect(warned).toHaveBeenCalledWith(expect.stringContaining(`SKIP: shared test data not found:`));
    warned.mockRestore();
  });
});
