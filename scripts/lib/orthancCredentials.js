// The embedded Orthanc's login: one user with a random password per data folder, kept beside the data in a 0600
// file so a second `npm start` (and its demo seeding) reuses it. Only our proxy and our scripts use it; the browser
// never sees it (the proxy adds it to requests it allows).
const { existsSync, readFileSync, writeFileSync, chmodSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const FILE = 'ssldec-credentials.json';

/** @returns {{username: string, password: string}} */
function loadOrCreateCredentials(storageDir) {
  const path = join(storageDir, FILE);
  if (existsSync(path)) {
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof saved.username === 'string' && typeof saved.password === 'string' && saved.password.length >= 16) {
      chmodSync(path, 0o600);
      return saved;
    }
  }
  const credentials = { username: 'ssldec', password: randomBytes(24).toString('base64url') };
  writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 });
  chmodSync(path, 0o600);
  return credentials;
}

/** HTTP Basic header of the credentials. */
function basicAuthHeaders({ username, password }) {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

module.exports = { loadOrCreateCredentials, basicAuthHeaders };
