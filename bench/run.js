#!/usr/bin/env node
/**
 * Bench runner: `node bench/run.js <entry.ts> [args...]` bundles one TypeScript bench entry with esbuild and runs it.
 *
 * Why a bundle: in Node, TF.js resolves to its ES5 CommonJS build, whose conv backprop is ~8x slower than the
 * ES2017 ESM build that bundlers pick (mainFields module,main). The bundle is ESM with require/__dirname shims,
 * because a bundle without them makes TF.js silently fall back to the cpu backend (docs/tfjs-backends.md).
 * Bundles go to node_modules/.cache/ssldec-bench/ (ignored). The child gets the SwiftShader Vulkan environment
 * (it must be set before the process starts) so `webgpu` in Node finds a device.
 */
'use strict';
const { build } = require('esbuild');
const { buildSetupThread, nodeEngineBundle } = require('../scripts/build-cli.js');
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
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

async function bundle(entry) {
  mkdirSync(OUT_DIR, { recursive: true });
  const name = path.relative(path.join(ROOT, 'bench'), entry).replace(/[\\/]/g, '_').replace(/\.tsx?$/, '');
  const outfile = path.join(OUT_DIR, `${name}.mjs`);
  await build(nodeEngineBundle(entry, outfile, 'inline'));
  // The thread that shares the engine's set-up (src/cli/nodeSetupRunner.ts).
  buildSetupThread(OUT_DIR);
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
  const outfile = await bundle(entry);
  const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=8192', outfile, ...args], {
    stdio: 'inherit',
    env: benchEnv(),
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
