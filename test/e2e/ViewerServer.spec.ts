/**
 * The one-origin server of `npm start` over real HTTP: viewer files with SPA fallback, the generated app-config,
 * plugin bundles, security headers, caller checks, and the /dicom-web proxy (to a real Orthanc, and to a
 * header-echoing upstream that stands for a PACS behind auth: --pacs-header values arrive, the viewer's cookies and
 * proxy headers do not, the PACS's CORS / cookies / auth prompts do not come back, and a silent, cut or abandoned
 * upstream never hangs or piles up). Hostile requests against a real Orthanc: test/integration/server/.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ViewerServer {
  url: string;
  close(): Promise<void>;
}
import { rawRequest, rawRequestLine } from '../helpers/rawHttp';

const { startViewerServer, parseHeaderLines } = require('../../scripts/lib/server') as {
  startViewerServer(o: object): Promise<ViewerServer>;
  parseHeaderLines(lines: string[]): Record<string, string>;
};
const { startOrthanc } = require('../../scripts/lib/orthanc') as {
  startOrthanc(o?: object): Promise<{ dicomWebRoot: string; authHeaders: Record<string, string>; stop(): Promise<void> }>;
};
const { renderAppConfig } = require('../../scripts/lib/app-config') as { renderAppConfig(o: object): string };

describe('viewer server', () => {
  let dir: string;
  let echo: Server;
  let echoUrl: string;
  let server: ViewerServer;
  let base: string;
  /** Requests the stand-in PACS saw end before it answered them (the proxy gave up on them). */
  const abandoned: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-server-'));
    mkdirSync(join(dir, 'viewer'));
    mkdirSync(join(dir, 'plugins'));
    writeFileSync(join(dir, 'viewer', 'index.html'), '<html>viewer</html>');
    writeFileSync(join(dir, 'viewer', 'app.bundle.0123456789abcdef.js'), 'console.log(1)');
    writeFileSync(join(dir, 'plugins', 'ssldec-mode.js'), 'export default {}');
    writeFileSync(join(dir, 'plugins', 'ssldec-training-worker.js'), 'self.onmessage = () => undefined');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    echo = createServer((req: IncomingMessage, res) => {
      res.on('close', () => {
        if (!res.writableFinished) abandoned.push(req.url ?? '');
      });
      if (req.url?.includes('/studies/9.1')) return; // never answers
      if (req.url?.includes('/studies/9.2')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write('first bytes; the rest never comes');
        return;
      }
      if (req.url?.includes('/studies/9.3')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
        res.write('only 27 bytes of 1000 sent', () => res.socket?.destroy());
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': 'pacs=1', 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true',
        'www-authenticate': 'Basic realm="pacs"', 'x-powered-by': 'pacs', etag: '"e1"',
      });
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
      upstreamTimeoutMs: 500,
      log: () => undefined,
    });
    base = server.url.replace('localhost', '127.0.0.1');
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

  it('proxies /dicom-web to the PACS root with the site headers, and no viewer cookies or proxy headers', async () => {
    const r = await rawRequest(base, 'GET', '/dicom-web/studies?PatientID=x', {
      headers: {
        host: `127.0.0.1:${new URL(base).port}`, cookie: 'session=viewer', accept: 'application/dicom+json', origin: base,
        'x-forwarded-for': '10.0.0.1', 'proxy-authorization': 'Basic eA==', authorization: 'Basic bWU6bWU=', connection: 'keep-alive, x-secret', 'x-secret': '1',
      },
    });
    const seen = JSON.parse(r.body) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/pacs/dicom-web/studies?PatientID=x');
    expect(seen.headers.authorization).toBe('Bearer t0ken');
    expect(seen.headers['x-site']).toBe('A:B');
    expect(seen.headers.accept).toBe('application/dicom+json');
    for (const dropped of ['cookie', 'origin', 'referer', 'x-forwarded-for', 'proxy-authorization', 'x-secret']) expect(seen.headers[dropped]).toBeUndefined();
    // the PACS's cookies, CORS grants and auth prompt stay out of our origin
    for (const dropped of ['set-cookie', 'access-control-allow-origin', 'access-control-allow-credentials', 'www-authenticate', 'x-powered-by']) {
      expect(r.headers[dropped]).toBeUndefined();
    }
    expect(r.headers.etag).toBe('"e1"');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain('sandbox');
  });

  it('forwards only DICOMweb resources, under the root, re-encoded', async () => {
    const ok = async (path: string) => JSON.parse((await rawRequest(base, 'GET', path)).body).url as string;
    expect(await ok('/dicom-web/studies/1.2/series/3.4/instances/5.6/frames/1,2')).toBe('/pacs/dicom-web/studies/1.2/series/3.4/instances/5.6/frames/1%2C2');
    expect(await ok('/dicom-web/studies/1.2/series/3.4/instances/5.6/bulk/7fe00010')).toBe('/pacs/dicom-web/studies/1.2/series/3.4/instances/5.6/bulk/7fe00010');
    expect(await ok('/dicom-web/studies/1.2/series/3.4/metadata')).toBe('/pacs/dicom-web/studies/1.2/series/3.4/metadata');
    for (const path of ['/dicom-web/', '/dicom-web', '/dicom-web/servers', '/dicom-web/studies/1.2/../../../x', '/dicom-web/studies/1.2%2f..%2f..', '/dicom-web/studies/abc', '/dicom-web/wado?requestType=WADO']) {
      expect([path, (await rawRequest(base, 'GET', path)).status]).toEqual([path, 403]);
    }
  });

  it('refuses other hosts (421) and cross-origin or unidentified writes (403), allows same-origin ones', async () => {
    const port = new URL(base).port;
    expect((await rawRequest(base, 'GET', '/', { headers: { host: `attacker.example:${port}` } })).status).toBe(421);
    expect((await rawRequest(base, 'GET', '/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
    const stow = { 'content-type': 'multipart/related; type="application/dicom"; boundary=b' };
    const post = (headers: Record<string, string>) => rawRequest(base, 'POST', '/dicom-web/studies', { headers: { ...stow, ...headers }, body: '--b--' });
    expect((await post({ origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site', origin: `http://localhost:${Number(port) + 1}` })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    const same = await post({ origin: base, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(200);
    expect(JSON.parse(same.body)).toMatchObject({ method: 'POST', url: '/pacs/dicom-web/studies' });
    // a hostile page's reads of the PACS are refused too
    expect((await rawRequest(base, 'GET', '/dicom-web/studies', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('answers a silent PACS with 504, ends the response when the PACS cuts it, and aborts upstream when the client leaves', async () => {
    const silent = await fetch(`${base}/dicom-web/studies/9.1`);
    expect(silent.status).toBe(504);
    expect(await silent.text()).not.toContain('127.0.0.1');
    // cut mid-body: the client sees the failure instead of waiting forever
    const cut = await fetch(`${base}/dicom-web/studies/9.3`);
    await expect(cut.arrayBuffer()).rejects.toThrow();
    // the client leaves: the proxy drops its upstream request
    const controller = new AbortController();
    const left = await fetch(`${base}/dicom-web/studies/9.2`, { signal: controller.signal });
    expect(left.status).toBe(200);
    controller.abort();
    await waitFor(() => abandoned.some((u) => u.includes('/studies/9.2')));
    expect(abandoned.filter((u) => u.includes('/studies/9.2'))).toHaveLength(1);
  });

  it('survives malformed request targets (GET //%zz, //[, http://[/)', async () => {
    const host = `127.0.0.1:${new URL(base).port}`;
    for (const line of ['GET //%zz HTTP/1.1', 'GET //[ HTTP/1.1', 'GET http://[/ HTTP/1.1', 'GET * HTTP/1.1', 'GET /%zz HTTP/1.1', 'GET /plugins/%zz HTTP/1.1']) {
      expect([line, await rawRequestLine(base, line, host)]).toEqual([line, expect.stringMatching(/^HTTP\/1\.1 (200|400|404) /)]);
    }
    expect((await fetch(`${base}/app-config.js`)).status).toBe(200);
  });

  it('sends a CSP with the hashes of index.html inline scripts, nosniff, no framing and cross-origin isolation', async () => {
    const r = await fetch(`${base}/ssldec/x`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'"); // unsafe-eval: OHIF's SEG loader (securityHeaders.js)
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|\*|http:|https:|data:|blob:/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const { inlineScriptHashes } = require('../../scripts/lib/securityHeaders') as { inlineScriptHashes(html: string): string[] };
    const hashes = inlineScriptHashes('<script>a()</script><script src="/x.js"></script><script type="x">b()</script>');
    expect(hashes).toEqual(["'sha256-" + require('node:crypto').createHash('sha256').update('a()').digest('base64') + "'", expect.stringMatching(/^'sha256-/)]);
  });

  it('gives the training worker its own CSP: blob: scripts and workers for wasm threads, no eval, nothing inline', async () => {
    const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
    const worker = await fetch(`${base}/plugins/ssldec-training-worker.js`);
    expect(worker.status).toBe(200);
    const csp = worker.headers.get('content-security-policy') ?? '';
    expect(directive(csp, 'script-src').split(' ').sort()).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:', 'script-src'].sort());
    expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(worker.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    // Every other plugin file, like the pages, keeps the page policy (no blob: scripts).
    const mode = await fetch(`${base}/plugins/ssldec-mode.js`);
    expect(directive(mode.headers.get('content-security-policy') ?? '', 'script-src')).not.toContain('blob:');
  });

  it('refuses a non-loopback --host without the TLS-and-auth flag, a PACS root with credentials, and bad headers (without echoing them)', async () => {
    const common = { viewerDir: join(dir, 'viewer'), pluginsDir: join(dir, 'plugins'), appConfig: '', port: 0 };
    await expect(startViewerServer({ ...common, pacsRoot: echoUrl, host: '0.0.0.0' })).rejects.toThrow(/--behind-tls-auth-proxy/);
    await expect(startViewerServer({ ...common, pacsRoot: 'http://u:p@127.0.0.1:1/dicom-web' })).rejects.toThrow(/must not contain credentials/);
    await expect(startViewerServer({ ...common, pacsRoot: 'ftp://127.0.0.1/x' })).rejects.toThrow(/http or https/);
    expect(() => parseHeaderLines(['Bad Name: s3cret'])).toThrow(/not a valid header name/);
    expect(() => parseHeaderLines(['X-Token: s3cret\r\nX-Injected: 1'])).toThrow(/cannot carry/);
    expect(() => parseHeaderLines(['Host: elsewhere'])).toThrow(/set by the proxy/);
    for (const bad of ['no colon s3cret', 'Bad Name: s3cret', 'X-Token: s3\ncret']) {
      let message = '';
      try {
        parseHeaderLines([bad]);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('s3cret');
    }
  });

  it('keeps a PACS root without a path on its host: no userinfo or dot segments reach another server', async () => {
    const hits: string[] = [];
    const attacker = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    const attackerPort = (attacker.address() as { port: number }).port;
    const bare = await startViewerServer({ viewerDir: join(dir, 'viewer'), pluginsDir: join(dir, 'plugins'), appConfig: '', pacsRoot: echoUrl, pacsHeaders: { authorization: 'Bearer t0ken' }, port: 0, log: () => undefined });
    try {
      const b = bare.url.replace('localhost', '127.0.0.1');
      const r = await rawRequest(b, 'GET', `/dicom-web/123@127.0.0.1:${attackerPort}/../dicom-web/studies`);
      expect(r.status).toBe(403);
      const fine = JSON.parse((await rawRequest(b, 'GET', '/dicom-web/studies')).body);
      expect(fine.url).toBe('/studies');
      expect(hits).toEqual([]);
    } finally {
      await bare.close();
      await new Promise((r) => attacker.close(r));
    }
  });

  (existsSync('/usr/sbin/Orthanc') || process.env.CI === 'true' ? it : it.skip)('proxies QIDO to a real Orthanc and says so when the PACS is down', async () => {
    const orthanc = await startOrthanc({ say: () => undefined });
    const viaOrthanc = await startViewerServer({
      viewerDir: join(dir, 'viewer'),
      pluginsDir: join(dir, 'plugins'),
      appConfig: '',
      pacsRoot: orthanc.dicomWebRoot,
      pacsHeaders: orthanc.authHeaders,
      port: 0,
      log: () => undefined,
    });
    try {
      const r = await fetch(`${viaOrthanc.url}/dicom-web/studies`, { headers: { accept: 'application/dicom+json' } });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual([]);
      await orthanc.stop();
      const down = await fetch(`${viaOrthanc.url}/dicom-web/studies`);
      expect(down.status).toBe(502);
      const page = await down.text();
      expect(page).toContain('did not answer');
      expect(page).not.toContain(orthanc.dicomWebRoot.split('/dicom-web')[0]); // no internal URL on the page
    } finally {
      await viaOrthanc.close();
      await orthanc.stop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
