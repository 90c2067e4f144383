import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of `names` in `dir`; throws one clear message naming every missing file and how to point at the data. */
export function requireFiles(dir: string, names: string[]): string[] {
  const paths = names.map((name) => join(dir, name));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(
      `Benchmark data missing: ${missing.join(', ')}. Expected the shared data folder beside the checkout (../shared/data); ` +
        'set SSLDEC_SHARED_DATA to its path.',
    );
  }
  return paths;
}
