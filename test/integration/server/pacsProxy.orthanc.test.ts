/**
 * The viewer server's /dicom-web proxy in front of a real Orthanc (authentication on, as `npm start` runs it),
 * replaying the requests of the issue-10 security review. Each must be refused, and Orthanc must be unchanged after
 * them all: same patients and studies, still running, no DICOMweb server registered. A STOW through the proxy
 * still works, with the login added by the proxy only.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrthanc, type RunningOrthanc } from '../../helpers/orthanc';
import { rawRequest, rawRequestLine } from '../../helpers/rawHttp';
import { writeDicomSeries } from '../../../src/io/writeDicomSeries';
import type { Volume } from '../../../src/volume/Volume';

const { startViewerServer } = require('../../../scripts/lib/server') as {
  startViewerServer(o: object): Promise<{ url: string; port: number; close(): Promise<void> }>;
};
const { stowInstances } = require('../../../scripts/lib/demoStudy') as {
  stowInstances(root: string, files: ArrayBuffer[], headers?: Record<string, string>): Promise<void>;
};
const { brainPhantom } = require('../../../scripts/lib/demoPhantom') as {
  brainPhantom(o: { columns: number; rows: number; slices: number; spacing: [number, number, number] }): { volume: Volume };
};

function series(patientId: string) {
  const { volume } = brainPhantom({ columns: 16, rows: 16, slices: 3, spacing: [3, 3, 6] });
  return writeDicomSeries(volume, { patientName: 'Proxy^Test', patientId, studyDescription: 'proxy test', seriesDescription: 'phantom' });
}

describe('PACS proxy against a real Orthanc with authentication', () => {
  let orthanc: RunningOrthanc;
  let server: { url: string; port: number; close(): Promise<void> };
  let dir: string;
  let base: string;
  let seeded: ReturnType<typeof series>;
  let listener: Server;
  let listenerHits: string[];
  let listenerUrl: string;

  /** Orthanc's own view (REST, with the login): what must not change. */
  const snapshot = async () => {
    const get = async (path: string) => (await fetch(`${orthanc.url}${path}`, { headers: orthanc.authHeaders })).json();
    return { patients: await get('/patients?expand'), studies: await get('/studies'), servers: await get('/dicom-web/servers') };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssldec-proxy-'));
    mkdirSync(join(dir, 'viewer'));
    writeFileSync(join(dir, 'viewer', 'index.html'), '<html>viewer</html>');
    listenerHits = [];
    listener = createServer((req, res) => {
      listenerHits.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    listenerUrl = `http://127.0.0.1:${(listener.address() as { port: number }).port}`;
    orthanc = await startOrthanc();
    seeded = series('SSLDEC-PROXY-1');
    await stowInstances(orthanc.dicomWebRoot, seeded.files, orthanc.authHeaders);
    server = await startViewerServer({
      viewerDir: join(dir, 'viewer'), pluginsDir: join(dir, 'viewer'), appConfig: '',
      pacsRoot: orthanc.dicomWebRoot, pacsHeaders: orthanc.authHeaders, port: 0, log: () => undefined,
    });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.close();
    await orthanc?.stop();
    await new Promise((r) => listener?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('Orthanc itself refuses requests without its login (the proxy is the only way in)', async () => {
    expect((await fetch(`${orthanc.url}/system`)).status).toBe(401);
    expect((await fetch(`${orthanc.dicomWebRoot}/studies`)).status).toBe(401);
    const viaProxy = await fetch(`${base}/dicom-web/studies?PatientID=SSLDEC-PROXY-1`, { headers: { accept: 'application/dicom+json' } });
    expect(viaProxy.status).toBe(200);
    expect(((await viaProxy.json()) as unknown[]).length).toBe(1);
  });

  it('refuses every request of the review and leaves the PACS unchanged', async () => {
    const before = await snapshot();
    expect(before.studies).toHaveLength(1);
    const studyId = before.studies[0] as string;
    const same = { origin: base, 'sec-fetch-site': 'same-origin' }; // even from our own page
    const crossSite = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
    const createDicom = JSON.stringify({ Tags: { PatientName: 'Injected^Patient', PatientID: 'INJECTED' } });
    const hostile: Array<[string, string, Record<string, string>, string?]> = [
      ['GET', '/dicom-web/..%2f..%2fsystem', {}],
      ['GET', '/dicom-web/%2e%2e%2fsystem', {}],
      ['GET', '/dicom-web/..%5c..%5csystem', {}],
      ['GET', '/dicom-web/%2F..%2F..%2Fsystem', {}],
      ['GET', '/dicom-web/..%2f..%2fpatients?expand', {}],
      ['GET', '/dicom-web/%2e%2e/%2e%2e/patients?expand', {}],
      ['POST', '/dicom-web/..%2f..%2ftools/create-dicom', { ...crossSite, 'content-type': 'text/plain' }, createDicom],
      ['POST', '/dicom-web/..%2f..%2ftools/create-dicom', { ...same, 'content-type': 'text/plain' }, createDicom],
      ['DELETE', `/dicom-web/..%2f..%2fstudies/${studyId}`, same],
      ['DELETE', `/dicom-web/studies/${seeded.studyInstanceUID}`, same],
      ['POST', '/dicom-web/..%2f..%2ftools/shutdown', same, ''],
      ['PROPFIND', '/dicom-web/..%2f..%2fwebdav/', same],
      ['OPTIONS', '/dicom-web/studies', { ...crossSite, 'access-control-request-method': 'DELETE' }],
      ['GET', '/dicom-web/servers', {}],
      ['PUT', '/dicom-web/servers/evil', { ...same, 'content-type': 'application/json' }, JSON.stringify({ Url: `${listenerUrl}/dicom-web/` })],
      ['POST', '/dicom-web/servers/evil/stow', { ...same, 'content-type': 'application/json' }, JSON.stringify({ Resources: [studyId] })],
      ['POST', '/dicom-web/studies', { ...crossSite, 'content-type': 'multipart/related; type="application/dicom"' }, '--x--'],
      ['POST', '/dicom-web/studies', { 'content-type': 'multipart/related; type="application/dicom"' }, '--x--'],
    ];
    for (const [method, path, headers, body] of hostile) {
      const r = await rawRequest(base, method, path, { headers, body });
      const outcome = [400, 403, 415].includes(r.status) ? 'refused' : `answered ${r.status}`;
      expect(`${method} ${path} ${outcome}`).toBe(`${method} ${path} refused`);
      expect(r.body).not.toMatch(/Orthanc|"Name"|INJECTED/);
    }
    // DNS rebinding: a page on another name that resolves to us keeps its own Host.
    expect((await rawRequest(base, 'GET', '/dicom-web/studies', { headers: { host: `rebind.example:${server.port}` } })).status).toBe(421);
    // Crash targets: answered, and the server keeps serving.
    for (const line of ['GET //%zz HTTP/1.1', 'GET //[ HTTP/1.1', 'GET http://[/ HTTP/1.1', 'GET /dicom-web/studies/%zz HTTP/1.1']) {
      expect(await rawRequestLine(base, line, `127.0.0.1:${server.port}`)).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect((await fetch(`${base}/dicom-web/studies`)).status).toBe(200);

    const after = await snapshot();
    expect(after).toEqual(before);
    expect((await fetch(`${orthanc.url}/system`, { headers: orthanc.authHeaders })).status).toBe(200);
    expect(listenerHits).toEqual([]);
  });

  it('STOWs a study through the proxy (login added by the proxy) from a same-origin page', async () => {
    const second = series('SSLDEC-PROXY-2');
    await stowInstances(`${base}/dicom-web`, second.files, { origin: base });
    const studies = (await (await fetch(`${orthanc.url}/studies`, { headers: orthanc.authHeaders })).json()) as string[];
    expect(studies).toHaveLength(2);
    const back = await fetch(`${base}/dicom-web/studies/${second.studyInstanceUID}/series`, { headers: { accept: 'application/dicom+json' } });
    expect(back.status).toBe(200);
    expect(((await back.json()) as Array<Record<string, { Value: string[] }>>)[0]['0020000E'].Value[0]).toBe(second.seriesInstanceUID);
  });
});
