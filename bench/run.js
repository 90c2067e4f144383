#!/usr/bin/env node
/**
 * Bench runner: `node bench/run.js <entry.ts> [args...]` bundles one TypeScript bench entry with esbuild and runs it.
 *
 * Why a bundle: in Node, TF.js resolves to its ES5 CommonJS build, whose conv backprop is ~8x slower than the
 * ES2017 ESM build that bundlers pick (mainFields module,main). The bundle is ESM with require/__dirname shims,
 * because a bundle without them makes TF.js silently fall back to the cpu backend (docs/tfjs-backends.md).
 * Bundles go to a folder of their own per run under node_modules/.cache/ssldec-bench/ (ignored), removed when the
 * run ends: two benches started together from one checkout once shared one bundle file, and one of them loaded it
 * half written ("SyntaxError: Unexpected end of input"). The child gets the SwiftShader Vulkan environment (it must be
 * set before the process starts) so `webgpu` in Node finds a device.
 */
'use strict';
const { build } = require('esbuild');
const { buildSetupThread, nodeEngineBundle } = require('../scripts/build-cli.js');
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'ssldec-bench');
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Environment for the bench child: SwiftShader for Dawn (webgpu npm package) where Chromium's copy exists. */
function benchEnv() {
  const env = { ...process.env, SSLDEC_REPO_ROOT: ROOT };
  if (existsSync(SWIFTSHADER_ICD) && !env.VK_ICD_FILENAMES) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    env.LD_LIBRARY_PATH = ['/usr/lib/chromium', env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  return env;
}

/** Bundles `entry` and the set-up thread into `dir`; returns the bundle's path. */
async function bundle(entry, dir) {
  const name = path.relative(path.join(ROOT, 'bench'), entry).replace(/[\\/]/g, '_').replace(/\.tsx?$/, '');
  const outfile = path.join(dir, `${name}.mjs`);
  await build(nodeEngineBundle(entry, outfile, 'inline'));
  // The thread that shares the engine's set-up, beside the bundle (src/cli/nodeSetupRunner.ts).
  buildSetupThread(dir);
  return outfile;
}

async function main() {
  const [entryArg, ...args] = process.argv.slice(2);
  if (!entryArg) {
    console.error('usage: node bench/run.js <bench entry .ts> [args...]   e.g. node bench/run.js bench/seg/main.ts --seeds 1,2,3');
    process.exit(2);
  }
  const entry = path.resolve(entryArg);
  if (!existsSync(entry)) {
    console.error(`bench entry not found: ${entry} (expected a .ts file under bench/)`);
    process.exit(2);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(OUT_DIR, 'run-'));
  const removeBundle = () => rmSync(dir, { recursive: true, force: true });
  let outfile;
  try {
    outfile = await bundle(entry, dir);
  } catch (error) {
    removeBundle();
    throw error;
  }
  const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=8192', outfile, ...args], {
    stdio: 'inherit',
    env: benchEnv(),
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    removeBundle();
    process.exit(signal ? 1 : code ?? 1);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
