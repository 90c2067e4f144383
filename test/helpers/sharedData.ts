import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Root of the read-only shared data beside the checkout (SSLDEC_SHARED_DATA overrides it, e.g. to try the skip path). */
export const SHARED_DATA = process.env.SSLDEC_SHARED_DATA ?? resolve(__dirname, '../../../shared/data');

/**
 * Path of a file or folder under ../shared/data, or undefined when it is missing. Under CI=true a missing
 * path throws, so CI cannot pass by skipping; elsewhere the caller skips and says so.
 */
export function sharedData(relative: string): string | undefined {
  const path = join(SHARED_DATA, relative);
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') throw new Error(`Shared test data missing under CI: ${path}`);
  console.warn(`SKIP: shared test data not found: ${path}`);
  return undefined;
}

/** `describe` that runs only when every named shared path exists (and fails under CI when one is missing). */
export function describeWithSharedData(name: string, paths: string[], body: (p: string[]) => void): void {
  const found = paths.map(sharedData);
  if (found.every((p): p is string => p !== undefined)) describe(name, () => body(found as string[]));
  // Without the data the body is not run at all: it reads fixtures while Jest collects tests, so it would crash.
  else describe(name, () => test.skip(`needs shared data: ${paths.join(', ')}`, () => undefined));
}
