// `tsc --noEmit` on a project: Jest runs TypeScript through SWC, which strips types without checking them, so
// without this step a type error would pass every suite.
const { spawnSync } = require('node:child_process');

/**
 * Type-checks `project` (a tsconfig.json) with the repository's TypeScript; tsc prints the errors.
 * @returns tsc's exit status: 0 when clean.
 */
function typecheck(cwd, project = 'tsconfig.json') {
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd, stdio: 'inherit' });
  return r.status ?? 1;
}

module.exports = { typecheck };
