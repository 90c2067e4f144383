/**
 * The embedded Orthanc of `npm start` is locked down (issue 10): login required, WebDAV off, storage private
 * (folders 0700, files 0600, also data left world-readable by an earlier version), credentials kept per data folder
 * in a 0600 file and reused, not run as root when Debian's orthanc user exists, and stopped when the Node process
 * that started it dies, even by SIGKILL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrthanc } from '../../helpers/orthanc';
import { writeDicomSeries } from '../../../src/io/writeDicomSeries';
import type { Volume } from '../../../src/volume/Volume';

const { stowInstances } = require('../../../scripts/lib/demoStudy') as {
  stowInstances(root: string, files: ArrayBuffer[], headers?: Record<string, string>): Promise<void>;
};
const { brainPhantom } = require('../../../scripts/lib/demoPhantom') as {
  brainPhantom(o: { columns: number; rows: number; slices: number; spacing: [number, number, number] }): { volume: Volume };
};

/** Every path under a folder with its permission bits. */
function modes(dir: string): Array<[string, number, boolean]> {
  const out: Array<[string, number, boolean]> = [];
  const walk = (p: string) => {
    const s = statSync(p);
    out.push([p, s.mode & 0o777, s.isDirectory()]);
    if (s.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(dir);
  return out;
}

describe('embedded Orthanc lockdown', () => {
  let parent: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'ssldec-locked-'));
    chmodSync(parent, 0o711); // the orthanc user must reach the storage folders below (like a checkout's .data/)
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('needs its login, has no WebDAV, keeps data private and reuses its credentials', async () => {
    const storageDir = join(parent, '.data', 'orthanc'); // as npm start lays it out; .data/ is created here
    // data left by an earlier, open version: world-readable folder and file
    const orthanc0 = await startOrthanc({ storageDir });
    await orthanc0.stop();
    expect(statSync(join(parent, '.data')).mode & 0o005).toBe(0o005); // others may pass through, not write
    mkdirSync(join(storageDir, 'ab'), { recursive: true, mode: 0o755 });
    chmodSync(storageDir, 0o755);
    writeFileSync(join(storageDir, 'ab', 'old-file'), 'x', { mode: 0o644 });
    const orthanc = await startOrthanc({ storageDir });
    let password = '';
    try {
      expect((await fetch(`${orthanc.url}/system`)).status).toBe(401);
      expect((await fetch(`${orthanc.url}/patients`, { headers: { authorization: 'Basic ' + Buffer.from('ssldec:wrong').toString('base64') } })).status).toBe(401);
      expect((await fetch(`${orthanc.url}/system`, { headers: orthanc.authHeaders })).status).toBe(200);
      // Orthanc 1.10 cannot bind to loopback only; a client from another address is refused even with the login.
      const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external) {
        const remote = await fetch(`http://${external.address}:${orthanc.port}/system`, { headers: orthanc.authHeaders });
        expect([401, 403]).toContain(remote.status); // refused even with the right login
      }
      const webdav = await fetch(`${orthanc.url}/webdav/`, { method: 'PROPFIND', headers: { ...orthanc.authHeaders, depth: '1' } });
      expect(webdav.status).toBeGreaterThanOrEqual(400);
      const { volume } = brainPhantom({ columns: 16, rows: 16, slices: 2, spacing: [3, 3, 6] });
      await stowInstances(orthanc.dicomWebRoot, writeDicomSeries(volume, { patientId: 'LOCKED' }).files, orthanc.authHeaders);
      const all = modes(storageDir);
      expect(all.filter(([, , dir]) => !dir).length).toBeGreaterThan(4); // index, config, credentials, 2 instances, old file
      for (const [path, mode, dir] of all) expect([path, mode.toString(8)]).toEqual([path, dir ? '700' : '600']);
      if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'orthanc']).status === 0) {
        expect(orthanc.runsAs).toBe('orthanc');
        const ps = spawnSync('ps', ['-o', 'user=', '--ppid', String(orthanc.pid)], { encoding: 'utf8' }).stdout;
        expect(ps.trim().split(/\s+/)).toEqual(expect.arrayContaining(['orthanc']));
        expect(ps).not.toMatch(/root/);
      }
      password = orthanc.credentials.password;
      expect(password.length).toBeGreaterThanOrEqual(24);
    } finally {
      await orthanc.stop();
    }
    const again = await startOrthanc({ storageDir });
    try {
      expect(again.credentials.password).toBe(password);
      const found = await fetch(`${again.dicomWebRoot}/studies?PatientID=LOCKED`, { headers: again.authHeaders });
      expect(((await found.json()) as unknown[]).length).toBe(1);
    } finally {
      await again.stop();
    }
    const other = await startOrthanc({ storageDir: join(parent, 'other') });
    try {
      expect(other.credentials.password).not.toBe(password); // per data folder
    } finally {
      await other.stop();
    }
  }, 60_000);

  it('tells its owner when Orthanc dies on its own (npm start then stops loudly), and not when stopped', async () => {
    const orthanc = await startOrthanc({ storageDir: join(parent, 'dies') });
    const exits: Array<{ code: number | null; signal: string | null }> = [];
    orthanc.onUnexpectedExit((e) => exits.push(e));
    const died = new Promise<void>((resolve) => orthanc.onUnexpectedExit(() => resolve()));
    // The Orthanc process itself (the supervising shell's child), killed as a crash or the OOM killer would.
    const pids = spawnSync('pgrep', ['-P', String(orthanc.pid)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean);
    const server = pids.find((p) => /Orthanc/.test(spawnSync('ps', ['-o', 'args=', '-p', p], { encoding: 'utf8' }).stdout));
    expect(server).toBeDefined();
    process.kill(Number(server), 'SIGKILL');
    await died;
    expect(exits).toHaveLength(1);
    await orthanc.stop();

    const calm = await startOrthanc({ storageDir: join(parent, 'calm') });
    const calls: unknown[] = [];
    calm.onUnexpectedExit((e) => calls.push(e));
    await calm.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toEqual([]);
  }, 60_000);

  it('stops when the Node process that started it is killed (SIGKILL: no handler runs)', async () => {
    const storageDir = join(parent, 'orphan');
    const script = `require(${JSON.stringify(join(__dirname, '../../../scripts/lib/orthanc.js'))})
      .startOrthanc({ storageDir: ${JSON.stringify(storageDir)}, say: () => {} })
      .then((o) => console.log(JSON.stringify({ url: o.url, auth: o.authHeaders })));
      setInterval(() => {}, 1000);`;
    const node = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => node.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    const { url, auth } = JSON.parse(line) as { url: string; auth: Record<string, string> };
    expect((await fetch(`${url}/system`, { headers: auth })).status).toBe(200);
    node.kill('SIGKILL');
    const deadline = Date.now() + 15000;
    let up = true;
    while (up && Date.now() < deadline) {
      up = await fetch(`${url}/system`, { headers: auth }).then(() => true, () => false);
      if (up) await new Promise((r) => setTimeout(r, 200));
    }
    expect(up).toBe(false);
  }, 60_000);
});
