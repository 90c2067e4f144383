// Starts a local Orthanc with its DICOMweb plugin on a loopback port, for tests and `npm start`. Locked down after
// issue 10: HTTP Basic authentication with credentials per data folder (orthancCredentials.js), no remote clients
// (Orthanc 1.10 has no bind address setting; RemoteAccessAllowed:false refuses non-loopback peers), no WebDAV, no
// DICOM port, storage and index private to their owner (folder 0700, files 0600 by umask 077), run as Debian's
// `orthanc` user when started as root (orthancUser.js), and stopped with the Node process however that ends.
const { spawn } = require('node:child_process');
const { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, chmodSync, lstatSync, readdirSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { loadOrCreateCredentials, basicAuthHeaders } = require('./orthancCredentials');
const { orthancRunAs } = require('./orthancUser');

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

// Runs Orthanc under umask 077 and watches our end of a pipe on its stdin: end of file means the Node process is
// gone (normal exit, crash, even SIGKILL), and Orthanc is stopped with it rather than left serving unsupervised.
const SUPERVISOR = `
umask 077
exec 3<&0
"$@" </dev/null 3<&- &
orthanc=$!
( while read -r _ <&3; do :; done; kill -TERM "$orthanc" 2>/dev/null ) &
watcher=$!
exec 3<&-
trap 'kill -TERM "$orthanc" 2>/dev/null' TERM INT HUP
wait "$orthanc"; status=$?
wait "$orthanc" 2>/dev/null
kill "$watcher" 2>/dev/null
exit "$status"
`;

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Makes an existing storage tree private (data kept by an earlier, more open version: folders 0755, files 0644). */
function makePrivate(path) {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chmodSync(path, stat.isDirectory() ? 0o700 : 0o600);
  if (stat.isDirectory()) for (const name of readdirSync(path)) makePrivate(join(path, name));
}

async function waitUntilUp(url, headers, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode} before answering`);
    try {
      const r = await fetch(`${url}/system`, { headers });
      if (r.ok) return;
      if (r.status === 401) throw new Error(`Orthanc on ${url} refused our credentials: is another Orthanc on that port?`);
    } catch (e) {
      if (/refused our credentials/.test(e.message)) throw e;
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Orthanc did not answer ${url}/system within ${timeoutMs} ms`);
}

/**
 * @param {{port?: number, storageDir?: string, name?: string, log?: boolean, say?: (m: string) => void}} [options]
 *   storageDir: keep data there (npm start); default: a temporary folder removed on stop.
 * @returns {Promise<{url: string, dicomWebRoot: string, port: number, storageDir: string, pid: number,
 *   authHeaders: Record<string, string>, credentials: {username: string, password: string}, runsAs: string,
 *   stop: () => Promise<void>}>}
 */
async function startOrthanc(options = {}) {
  if (!existsSync(ORTHANC) || !existsSync(DICOMWEB_PLUGIN)) {
    throw new Error(`Orthanc with DICOMweb is not installed (${ORTHANC}, ${DICOMWEB_PLUGIN}): apt-get install orthanc orthanc-dicomweb`);
  }
  const say = options.say ?? ((m) => console.error(m));
  const port = options.port ?? (await freePort());
  const temporary = !options.storageDir;
  const storageDir = options.storageDir ?? mkdtempSync(join(tmpdir(), 'ssldec-orthanc-'));
  // Parents with the usual mode (the orthanc user must pass through .data/), the storage itself private.
  mkdirSync(dirname(storageDir), { recursive: true });
  mkdirSync(storageDir, { recursive: true, mode: 0o700 });
  makePrivate(storageDir);
  const credentials = loadOrCreateCredentials(storageDir);
  const config = {
    Name: options.name ?? 'SSLDEC',
    StorageDirectory: storageDir,
    IndexDirectory: storageDir,
    HttpPort: port,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [credentials.username]: credentials.password },
    WebDavEnabled: false,
    ExecuteLuaEnabled: false,
    RestApiWriteToFileSystemEnabled: false,
    HttpDescribeErrors: true,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', ServersInDatabase: false },
  };
  const configPath = join(storageDir, 'orthanc.json'); // holds the password: 0600 like the rest
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  chmodSync(configPath, 0o600);
  const runAs = orthancRunAs(storageDir, say);
  const child = spawn('/bin/sh', ['-c', SUPERVISOR, 'ssldec-orthanc', ORTHANC, configPath], {
    stdio: ['pipe', options.log ? 'inherit' : 'ignore', options.log ? 'inherit' : 'ignore'],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  child.stdin.on('error', () => undefined); // the supervisor gone first: nothing left to signal
  const url = `http://127.0.0.1:${port}`;
  const authHeaders = basicAuthHeaders(credentials);
  // Orthanc ending without stop(): a crash, the OOM killer, someone's kill. Callers are told, so a viewer is not left
  // answering 502s in silence.
  let stopping = false;
  const unexpectedExit = [];
  child.once('exit', (code, signal) => {
    if (!stopping) for (const listener of unexpectedExit) listener({ code, signal });
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.stdin.end(), 5000); // the watcher then stops Orthanc
      const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
      clearTimeout(kill);
    }
    child.stdin.destroy();
    if (temporary) rmSync(storageDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, authHeaders, child, 15000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url, dicomWebRoot: `${url}/dicom-web`, port, storageDir, pid: child.pid, authHeaders, credentials,
    runsAs: runAs?.name ?? 'the current user', stop,
    /** Calls `listener({ code, signal })` if Orthanc ends without stop() being called. */
    onUnexpectedExit: (listener) => unexpectedExit.push(listener),
  };
}

module.exports = { startOrthanc, freePort };
