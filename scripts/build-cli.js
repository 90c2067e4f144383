#!/usr/bin/env node
/**
 * Bundles the `ssldec` CLI (src/cli/main.ts) into dist/cli/ssldec.mjs with esbuild.
 * mainFields module,main: TF.js resolves to its ES2017 ESM build, ~8x faster at conv gradients in Node than
 * its CommonJS build (docs/tfjs-backends.md). The banner gives the ESM bundle `require`/`__dirname`,
 * without which TF.js silently falls back to another backend. Run by `npm ci` (prepare) and on demand by
 * bin/ssldec.js.
 */
'use strict';
const { buildSync } = require('esbuild');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUTFILE = path.join(ROOT, 'dist', 'cli', 'ssldec.mjs');

function buildCli() {
  buildSync({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    // Native or browser-driving packages load from node_modules at run time.
    external: ['webgpu', 'playwright-core', 'esbuild'],
    banner: {
      js: [
        "import { createRequire as __cliCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cliFileURLToPath } from 'node:url';",
        "import { dirname as __cliDirname } from 'node:path';",
        'const require = __cliCreateRequire(import.meta.url);',
        'const __filename = __cliFileURLToPath(import.meta.url);',
        'const __dirname = __cliDirname(__filename);',
      ].join('\n'),
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return OUTFILE;
}

module.exports = { buildCli, OUTFILE };

if (require.main === module) {
  const out = buildCli();
  console.log(`built ${path.relative(ROOT, out)}`);
}
