/**
 * `npm test` type-checks before the suites (SWC, which Jest uses, does not check types). The real tsc on a one-line
 * project: a type error gives a non-zero status and tsc names the file and the error. (The clean case is npm test
 * itself: it type-checks this repository before every run.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Runs scripts/lib/typecheck.js in a child (it inherits stdio) and captures what tsc prints. */
function typecheckIn(dir: string) {
  const script = `process.exitCode = require(${JSON.stringify(join(root, 'scripts/lib/typecheck.js'))}).typecheck(process.argv[1]);`;
  return spawnSync(process.execPath, ['-e', script, dir], { encoding: 'utf8' });
}

describe('typecheck (scripts/lib/typecheck.js, run by npm test)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-typecheck-'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['*.ts'] }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a type error and tsc says where', () => {
    writeFileSync(join(dir, 'broken.ts'), "export const n: number = 'not a number';\n");
    const r = typecheckIn(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/broken\.ts.*error TS2322/);
  }, 60_000);
});
