// Builds our four plugin bundles (webpack.config.js) into dist/plugins/, or reuses them when none of their inputs
// changed. The input hash doubles as the plugins' version in their URLs (`?v=`), so a browser never mixes builds.
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const BUNDLES = ['ssldec-extension.js', 'ssldec-mode.js', 'ssldec-training-worker.js', 'ssldec-setup-worker.js'];
const INPUT_DIRS = ['extension', 'modes', 'src', '.webpack'];
const INPUT_FILES = ['webpack.config.js', 'package-lock.json'];

class PluginBuildError extends Error {}

function listFiles(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Hash of every file webpack may read from the project (not node_modules: package-lock.json stands for it). */
function inputHash(root, mode) {
  const hash = createHash('sha256').update(mode);
  const files = INPUT_DIRS.flatMap((d) => listFiles(join(root, d), [])).concat(INPUT_FILES.map((f) => join(root, f)));
  for (const file of files.filter(existsSync).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function runWebpack(root, mode) {
  const webpack = require(require.resolve('webpack', { paths: [root] }));
  const configs = require(join(root, 'webpack.config.js'))({}, { mode });
  return new Promise((resolveBuild, reject) => {
    webpack(configs, (err, stats) => {
      if (err) return reject(new PluginBuildError(`webpack could not run: ${err.message}`));
      if (stats.hasErrors()) {
        const text = stats.toString({ all: false, errors: true, colors: false });
        return reject(new PluginBuildError(`webpack build of the SSLDEC plugins failed:\n${text}`));
      }
      resolveBuild();
    });
  });
}

/**
 * @param {string} root project root
 * @param {{mode?: 'production'|'development', force?: boolean, log?: (m: string) => void}} [options]
 * @returns {Promise<{dir: string, version: string, rebuilt: boolean}>} dir = dist/plugins
 */
async function ensurePluginBundles(root, options = {}) {
  const mode = options.mode ?? 'production';
  const log = options.log ?? ((m) => console.log(m));
  const dir = join(root, 'dist', 'plugins');
  const stamp = join(dir, '.input-hash');
  const version = inputHash(root, mode);
  const complete = BUNDLES.every((b) => existsSync(join(dir, b)));
  if (!options.force && complete && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) {
    return { dir, version, rebuilt: false };
  }
  const started = Date.now();
  log(`[build] webpack (${mode}): ${BUNDLES.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await runWebpack(root, mode);
  const missing = BUNDLES.filter((b) => !existsSync(join(dir, b)));
  if (missing.length) throw new PluginBuildError(`webpack finished but ${missing.join(', ')} is missing in ${dir}`);
  writeFileSync(stamp, `${version}\n`);
  const sizes = BUNDLES.map((b) => `${b} ${(statSync(join(dir, b)).size / 1e6).toFixed(2)} MB`).join(', ');
  log(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${sizes}`);
  return { dir, version, rebuilt: true };
}

module.exports = { ensurePluginBundles, PluginBuildError, BUNDLES };
