// Orthanc parses DICOM from anywhere the viewer sends it; it should not do so as root. When `npm start` runs as
// root and Debian's `orthanc` user exists, the embedded Orthanc runs as that user, on storage it owns (0700).
// Falls back to the current user, saying why, when that user cannot reach the storage folder.
const { spawnSync } = require('node:child_process');
const { chownSync, lstatSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

function idOf(flag, user) {
  const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

function chownTree(path, uid, gid) {
  chownSync(path, uid, gid);
  if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

/**
 * @param {string} storageDir
 * @param {(m: string) => void} log
 * @returns {{uid: number, gid: number, name: string} | undefined} whom to run Orthanc as; undefined: as we are
 */
function orthancRunAs(storageDir, log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const uid = idOf('-u', 'orthanc');
  const gid = idOf('-g', 'orthanc');
  if (uid === undefined || gid === undefined) {
    log('[pacs] Running Orthanc as root: no Debian "orthanc" user here (apt-get install orthanc creates it).');
    return undefined;
  }
  chownTree(storageDir, uid, gid);
  const reach = spawnSync('/bin/sh', ['-c', 'test -w "$0" && test -x "$0"', storageDir], { uid, gid });
  if (reach.status !== 0) {
    chownTree(storageDir, 0, 0);
    log(`[pacs] Running Orthanc as root: the "orthanc" user cannot reach ${storageDir} (a parent folder is private).`);
    return undefined;
  }
  return { uid, gid, name: 'orthanc' };
}

module.exports = { orthancRunAs };
