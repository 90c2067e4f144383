// Obtains the prebuilt OHIF viewer (`@ohif/app`'s dist/, see docs/ohif-runtime-plugins.md) into an
// ignored cache: `npm pack` of a pinned version, its sha512 integrity checked, `package/dist` extracted once.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** The viewer we are tested against; change both together. */
const OHIF_APP_VERSION = '3.13.2';
const OHIF_APP_INTEGRITY =
  'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';

class ViewerFetchError extends Error {}

function integrityOf(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new ViewerFetchError(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.error || '').toString().trim()}`);
  }
  return r.stdout;
}

/**
 * Makes sure the viewer's dist folder is in `<root>/.cache/ohif-app-<version>/dist` and returns that path.
 * Reuses the cache when its marker records the expected integrity; otherwise packs, verifies and extracts.
 * @param {string} root project root
 * @param {{log?: (msg: string) => void}} [options]
 * @returns {string} absolute path of the viewer's dist folder (index.html at its top)
 */
function ensureViewer(root, options = {}) {
  const log = options.log ?? ((m) => console.log(m));
  const cacheDir = join(root, '.cache');
  const target = join(cacheDir, `ohif-app-${OHIF_APP_VERSION}`);
  const dist = join(target, 'dist');
  const marker = join(target, 'integrity.txt');
  const ready = () => existsSync(join(dist, 'index.html')) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === OHIF_APP_INTEGRITY;
  if (ready()) return dist;
  mkdirSync(cacheDir, { recursive: true });
  // Several test files call this at once on a fresh clone: each process packs and extracts into its own folder and
  // moves the finished viewer (marker inside) into place with one rename, so no process removes what another uses.
  const tarball = join(cacheDir, `ohif-app-${OHIF_APP_VERSION}.tgz`);
  if (!existsSync(tarball) || integrityOf(readFileSync(tarball)) !== OHIF_APP_INTEGRITY) {
    log(`[viewer] Fetching @ohif/app@${OHIF_APP_VERSION} with npm pack (about 50 MB, once)`);
    const packDir = join(cacheDir, `pack-${process.pid}`);
    mkdirSync(packDir, { recursive: true });
    try {
      const out = run('npm', ['pack', `@ohif/app@${OHIF_APP_VERSION}`, '--json', '--pack-destination', packDir], packDir);
      const [{ filename }] = JSON.parse(out);
      renameSync(join(packDir, filename), tarball);
    } finally {
      rmSync(packDir, { recursive: true, force: true });
    }
  }
  const got = integrityOf(readFileSync(tarball));
  if (got !== OHIF_APP_INTEGRITY) {
    rmSync(tarball, { force: true });
    throw new ViewerFetchError(
      `@ohif/app@${OHIF_APP_VERSION} tarball integrity mismatch: expected ${OHIF_APP_INTEGRITY}, got ${got}. ` +
        'The download was removed; run again, and check your npm registry if it repeats.',
    );
  }
  log(`[viewer] Extracting the viewer into ${target}`);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1', 'package/dist'], staging);
    writeFileSync(join(staging, 'integrity.txt'), `${OHIF_APP_INTEGRITY}\n`);
    try {
      renameSync(staging, target);
    } catch (err) {
      // The target exists: another process's finished copy (use it), or an older or broken one (move it aside).
      if (!ready()) {
        const stale = `${target}.stale-${process.pid}`;
        renameSync(target, stale);
        rmSync(stale, { recursive: true, force: true });
        renameSync(staging, target);
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dist;
}

module.exports = { ensureViewer, ViewerFetchError, OHIF_APP_VERSION, OHIF_APP_INTEGRITY };
