import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The repository root. bench/run.js passes it as SSLDEC_REPO_ROOT because bundles run from
 * node_modules/.cache/ssldec-bench/, where `__dirname` says nothing about the checkout.
 */
export function repoRoot(): string {
  const root = process.env.SSLDEC_REPO_ROOT ?? process.cwd();
  if (!existsSync(resolve(root, 'package.json'))) {
    throw new Error(`Repository root not found: ${root} has no package.json. Run benches via "node bench/run.js <entry>" or npm run bench:*.`);
  }
  return root;
}

/** Root of the read-only shared data beside the checkout (../shared/data), as the tests use it. */
export function sharedDataDir(): string {
  return process.env.SSLDEC_SHARED_DATA ?? resolve(repoRoot(), '../shared/data');
}
