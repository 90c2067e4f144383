/**
 * The one-origin server of `npm start` over real HTTP: viewer files with SPA fallback, the generated app-config,
 * plugin bundles, and the /dicom-web proxy (to a real Orthanc, and to a header-echoing upstream that stands for a
 * PACS behind auth, to see that --pacs-header values arrive and the viewer's cookies do not).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ViewerServer {
  url: string;
  close(): Promise<void>;
}
const { startViewerServer, parseHeaderLines } = require('../../scripts/lib/server') as {
  startViewerServer(o: object): Promise<ViewerServer>;
  parseHeaderLines(lines: string[]): Record<string, string>;
};
const { startOrthanc } = require('../../scripts/lib/orthanc') as {
  startOrthanc(o?: object): Promise<{ dicomWebRoot: string; stop(): Promise<void> }>;
};
const { renderAppConfig } = require('../../scripts/lib/app-config') as { renderAppConfig(o: object): string };

describe('viewer server', () => {
  let dir: string;
  let echo: Server;
  let echoUrl: string;
  let server: ViewerServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-server-'));
    mkdirSync(join(dir, 'viewer'));
    mkdirSync(join(dir, 'plugins'));
    writeFileSync(join(dir, 'viewer', 'index.html'), '<html>viewer</html>');
    writeFileSync(join(dir, 'viewer', 'app.bundle.0123456789abcdef.js'), 'console.log(1)');
    writeFileSync(join(dir, 'plugins', 'ssldec-mode.js'), 'export default {}');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    echo = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers }));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
    server = await startViewerServer({
      viewerDir: join(dir, 'viewer'),
      pluginsDir: join(dir, 'plugins'),
      appConfig: renderAppConfig({ pluginVersion: 'abc', ssldec: { preset: 'tiny' } }),
      pacsRoot: `${echoUrl}/pacs/dicom-web`,
      pacsHeaders: parseHeaderLines(['Authorization: Bearer t0ken', 'X-Site: A:B']),
      port: 0,
    });
  });

  afterAll(async () => {
    await server?.close();
    await new Promise((r) => echo?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves viewer files, falls back to index.html for routes, and 404s missing assets', async () => {
    expect(await (await fetch(`${server.url}/ssldec/dicomweb?StudyInstanceUIDs=1.2`)).text()).toBe('<html>viewer</html>');
    const bundle = await fetch(`${server.url}/app.bundle.0123456789abcdef.js`);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/missing.bundle.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/plugins/..%2f..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/secret.txt`)).status).not.toBe(200);
  });

  it('serves our app-config and plugin bundles without caching', async () => {
    const config = await (await fetch(`${server.url}/app-config.js`)).text();
    expect(config).toContain('/plugins/ssldec-extension.js?v=abc');
    expect(config).toContain('"preset":"tiny"');
    expect(config).toContain("defaultMode: 'bitmap'");
    const plugin = await fetch(`${server.url}/plugins/ssldec-mode.js?v=abc`);
    expect(plugin.status).toBe(200);
    expect(plugin.headers.get('cache-control')).toBe('no-cache');
    const missing = await fetch(`${server.url}/plugins/nothing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('run the webpack build');
  });

  it('proxies /dicom-web to the PACS root with the site headers and without the viewer cookies', async () => {
    const r = await fetch(`${server.url}/dicom-web/studies?PatientID=x`, { headers: { cookie: 'session=viewer', accept: 'application/dicom+json' } });
    const seen = (await r.json()) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/pacs/dicom-web/studies?PatientID=x');
    expect(seen.headers.authorization).toBe('Bearer t0ken');
    expect(seen.headers['x-site']).toBe('A:B');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers.accept).toBe('application/dicom+json');
  });

  it('refuses writes outside /dicom-web and rejects malformed header options', async () => {
    expect((await fetch(`${server.url}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect(() => parseHeaderLines(['no colon here'])).toThrow(/Name: value/);
  });

  (existsSync('/usr/sbin/Orthanc') || process.env.CI === 'true' ? it : it.skip)('proxies QIDO to a real Orthanc and says so when the PACS is down', async () => {
    const orthanc = await startOrthanc();
    const viaOrthanc = await startViewerServer({
      viewerDir: join(dir, 'viewer'),
      pluginsDir: join(dir, 'plugins'),
      appConfig: '',
      pacsRoot: orthanc.dicomWebRoot,
      port: 0,
    });
    try {
      const r = await fetch(`${viaOrthanc.url}/dicom-web/studies`, { headers: { accept: 'application/dicom+json' } });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual([]);
      await orthanc.stop();
      const down = await fetch(`${viaOrthanc.url}/dicom-web/studies`);
      expect(down.status).toBe(502);
      expect(await down.text()).toContain('did not answer');
    } finally {
      await viaOrthanc.close();
      await orthanc.stop();
    }
  });
});
