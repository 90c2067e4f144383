#!/usr/bin/env node
// `ssldec` launcher: runs the esbuild bundle of src/cli (dist/cli/ssldec.mjs), building it first when missing
// (a checkout where `npm ci` has not run `prepare`, or after `dist/` was cleaned).
'use strict';
const { existsSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const { buildCli, OUTFILE } = require('../scripts/build-cli.js');

if (!existsSync(OUTFILE)) {
  process.stderr.write('ssldec: building the CLI bundle (first run)...\n');
  buildCli();
}
import(pathToFileURL(OUTFILE).href).catch((error) => {
  process.stderr.write(`ssldec: could not start: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
