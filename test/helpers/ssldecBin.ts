import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Rebuilds the CLI bundle from this checkout's sources (call once in beforeAll). */
export function buildSsldecBin(): void {
  require('../../scripts/build-cli.js').buildCli();
}

/** Runs the real `ssldec` bin (the esbuild bundle) and returns its exit status and output. */
export function ssldecBin(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/ssldec.js'), ...args], {
    encoding: 'utf8', cwd: options.cwd ?? ROOT, env: options.env ?? process.env,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
