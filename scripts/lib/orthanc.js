// Starts a local Orthanc with its DICOMweb plugin on a loopback port, for tests and `npm start`.
// Orthanc 1.10 cannot bind to loopback only; RemoteAccessAllowed:false makes it refuse non-local clients.
const { spawn } = require('node:child_process');
const { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

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

async function waitUntilUp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode} before answering`);
    try {
      const r = await fetch(`${url}/system`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Orthanc did not answer ${url}/system within ${timeoutMs} ms`);
}

/**
 * @param {{port?: number, storageDir?: string, name?: string, log?: boolean}} [options]
 *   storageDir: keep data there (npm start); default: a temporary folder removed on stop.
 * @returns {Promise<{url: string, dicomWebRoot: string, port: number, storageDir: string, pid: number,
 *   stop: () => Promise<void>}>}
 */
async function startOrthanc(options = {}) {
  if (!existsSync(ORTHANC) || !existsSync(DICOMWEB_PLUGIN)) {
    throw new Error(`Orthanc with DICOMweb is not installed (${ORTHANC}, ${DICOMWEB_PLUGIN}): apt-get install orthanc orthanc-dicomweb`);
  }
  const port = options.port ?? (await freePort());
  const temporary = !options.storageDir;
  const storageDir = options.storageDir ?? mkdtempSync(join(tmpdir(), 'ssldec-orthanc-'));
  mkdirSync(storageDir, { recursive: true });
  const config = {
    Name: options.name ?? 'SSLDEC',
    StorageDirectory: storageDir,
    IndexDirectory: storageDir,
    HttpPort: port,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpDescribeErrors: true,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  const configPath = join(storageDir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(ORTHANC, [configPath], { stdio: options.log ? 'inherit' : 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (temporary) rmSync(storageDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, 15000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, dicomWebRoot: `${url}/dicom-web`, port, storageDir, pid: child.pid, stop };
}

module.exports = { startOrthanc, freePort };
