import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EXIT } from '../../../src/cli/CliError';
import { runCli } from '../../../src/cli/runCli';
import { DicomWebClient } from '../../../src/dicomweb/DicomWebClient';
import { DicomWebError } from '../../../src/dicomweb/DicomWebError';
import { installXmlHttpRequest } from '../../../src/dicomweb/node/installXmlHttpRequest';

/** A real HTTP server on 127.0.0.1 with a handler; remembers the headers of each request by path. */
async function serve(handle: (path: string, respond: (status: number, headers?: Record<string, string>) => void) => void) {
  const seen = new Map<string, IncomingHttpHeaders>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    seen.set(req.url ?? '', req.headers);
    handle(req.url ?? '', (status, headers = {}) => {
      res.writeHead(status, headers);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

const SERIES = '/studies/1.2.3/series/4.5.6';
const CREDENTIALS = { Authorization: 'Bearer secret-token', 'X-Site-Key': 'k1' };

describe('the CLI DICOMweb client against real HTTP servers', () => {
  beforeAll(() => installXmlHttpRequest());

  it('a redirect to another origin does not carry the site headers; one within the origin does', async () => {
    const other = await serve((_path, respond) => respond(404));
    const pacs = await serve((path, respond) => {
      if (path.startsWith('/cross/')) respond(302, { Location: `${other.origin}/elsewhere${SERIES}` });
      else if (path.startsWith('/same/')) respond(307, { Location: `/moved${SERIES}` });
      else respond(404);
    });
    try {
      const cross = await new DicomWebClient({ root: `${pacs.origin}/cross`, headers: CREDENTIALS }).retrieveSeries('1.2.3', '4.5.6').catch((e) => e);
      expect(cross).toBeInstanceOf(DicomWebError);
      expect(pacs.seen.get(`/cross${SERIES}`)).toMatchObject({ authorization: 'Bearer secret-token', 'x-site-key': 'k1' });
      const received = other.seen.get(`/elsewhere${SERIES}`)!;
      expect(received).toBeDefined(); // the redirect was followed…
      expect(received.authorization).toBeUndefined(); // …without the credentials
      expect(received['x-site-key']).toBeUndefined();
      expect(received.accept).toMatch(/multipart\/related/);

      const same = await new DicomWebClient({ root: `${pacs.origin}/same`, headers: CREDENTIALS }).retrieveSeries('1.2.3', '4.5.6').catch((e) => e);
      expect(same).toBeInstanceOf(DicomWebError);
      expect(pacs.seen.get(`/moved${SERIES}`)).toMatchObject({ authorization: 'Bearer secret-token', 'x-site-key': 'k1' });
    } finally {
      await pacs.close();
      await other.close();
    }
  });

  it('a PACS that never answers times out with a message (exit 3 from the CLI), not a hang', async () => {
    const silent = await serve(() => undefined);
    try {
      const started = Date.now();
      const error = await new DicomWebClient({ root: `${silent.origin}/dicom-web`, timeoutMs: 300 }).retrieveSeriesMetadata('1.2.3', '4.5.6').catch((e) => e);
      expect(error).toBeInstanceOf(DicomWebError);
      expect(error.status).toBe(0);
      expect(error.message).toMatch(/WADO-RS .*\/metadata got no answer .*: no answer within 0\.3 s \(timed out\)\. Check that the PACS is up, or raise the timeout \(CLI: --timeout\)/);
      expect(Date.now() - started).toBeLessThan(5000);

      const out = { stdout: '', stderr: '' };
      const code = await runCli(['info', `${silent.origin}/dicom-web${SERIES}`, '--timeout', '0.3'], {
        stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) },
      });
      expect(code).toBe(EXIT.INPUT);
      expect(out.stderr).toMatch(/^ssldec: WADO-RS .* no answer within 0\.3 s \(timed out\)/);
    } finally {
      await silent.close();
    }
  });

  it('a malformed or invalid --header is a usage error that does not echo the value', async () => {
    for (const header of ['Bearer secret-token', 'Bad Name: secret-token']) {
      const out = { stdout: '', stderr: '' };
      const code = await runCli(['info', `http://127.0.0.1:9/dicom-web${SERIES}`, '--header', header], {
        stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) },
      });
      expect(code).toBe(EXIT.USAGE);
      expect(out.stderr).toMatch(/^ssldec: --header: (expected "Name: value"|"Bad Name" is not a valid HTTP header name)/);
      expect(out.stderr).not.toMatch(/secret-token/);
    }
  });
});
