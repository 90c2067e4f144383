// Installs the Debian packages a command needs, when they are missing and we can (root on Debian/Ubuntu).
// Elsewhere it says exactly what to install and lets the caller decide whether to go on.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

function isInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/**
 * @param {string[]} packages Debian package names
 * @returns {string[]} the packages still missing afterwards
 */
function ensureDebianPackages(packages) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    console.warn(`[setup] Not a Debian/Ubuntu system: install these yourself if a suite needs them: ${packages.join(' ')}`);
    return packages;
  }
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.warn(`[setup] Missing Debian packages (run as root or: sudo apt-get install ${missing.join(' ')})`);
    return missing;
  }
  console.log(`[setup] Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return missing.filter((p) => !isInstalled(p));
}

module.exports = { ensureDebianPackages, isInstalled };
