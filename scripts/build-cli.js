#!/usr/bin/env node
/**
 * Bundles the `ssldec` CLI (src/cli/main.ts) into dist/cli/ssldec.mjs with esbuild, and beside it the thread that
 * shares the engine's set-up (ssldec-setup-thread.mjs).
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
/** src/cli/nodeSetupRunner.ts looks for it beside the bundle that runs. */
const SETUP_THREAD_SCRIPT = 'ssldec-setup-thread.mjs';

/**
 * Bundles the thread that shares the engine's set-up (the filter bank, the geodesic distances; src/cli/setupThread.ts)
 * into `dir`; the CLI's and the benches' bundles start it from there. It loads no TF.js, so it needs no shims.
 */
function buildSetupThread(dir) {
  buildSync({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'setupThread.ts')],
    outfile: path.join(dir, SETUP_THREAD_SCRIPT),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

/**
 * esbuild options for a Node bundle of the engine (the CLI's, a bench's): TF.js's ESM build, the `require` /
 * `__dirname` shims it needs, and the native or browser-driving packages left to load from node_modules at run time.
 */
function nodeEngineBundle(entry, outfile, sourcemap) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['webgpu', 'playwright-core', 'esbuild'],
    banner: {
      js: [
        "import { createRequire as __engineCreateRequire } from 'node:module';",
        "import { fileURLToPath as __engineFileURLToPath } from 'node:url';",
        "import { dirname as __engineDirname } from 'node:path';",
        'const require = __engineCreateRequire(import.meta.url);',
        'const __filename = __engineFileURLToPath(import.meta.url);',
        'const __dirname = __engineDirname(__filename);',
      ].join('\n'),
    },
    sourcemap,
    logLevel: 'warning',
  };
}

function buildCli() {
  buildSync(nodeEngineBundle(path.join(ROOT, 'src', 'cli', 'main.ts'), OUTFILE, 'linked'));
  buildSetupThread(path.dirname(OUTFILE));
  return OUTFILE;
}

module.exports = { buildCli, buildSetupThread, nodeEngineBundle, OUTFILE };

if (require.main === module) {
  const out = buildCli();
  console.log(`built ${path.relative(ROOT, out)}`);
}
