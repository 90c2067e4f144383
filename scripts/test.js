#!/usr/bin/env node
// `npm test`: set up what the suites need on a fresh machine, type-check (`tsc --noEmit`; a type error fails the
// run), then run all Jest projects (unit, integration against a real Orthanc and validators, end-to-end in Debian's
// Chromium).
// Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');
const { ensureNodeModules } = require('./lib/nodeModules');
const { ensureDebianPackages } = require('./lib/debianPackages');
const { typecheck } = require('./lib/typecheck');

const root = resolve(__dirname, '..');
ensureNodeModules(root);
const missing = ensureDebianPackages(require('./lib/testPackages'));
if (missing.length) console.warn(`[setup] Suites needing ${missing.join(', ')} will fail or skip.`);

console.log('[typecheck] tsc --noEmit -p tsconfig.json');
const typeErrors = typecheck(root);
if (typeErrors !== 0) {
  console.error('[typecheck] Type errors above: fix them before the suites run (`npm run typecheck` repeats the check).');
  process.exit(typeErrors);
}

const jest = require.resolve('jest/bin/jest');
const r = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
