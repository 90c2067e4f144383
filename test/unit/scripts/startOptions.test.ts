/**
 * `npm start` refuses unsafe or malformed options before it starts anything (issue 10): a non-loopback --host
 * without --behind-tls-auth-proxy, a --pacs with credentials in it, a --pacs-header that is not a header. Exit 2, a
 * message that says what to do, and never the header's value (a token) in it.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const start = resolve(__dirname, '../../../scripts/start.js');
const run = (args: string[]) => spawnSync(process.execPath, [start, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm start option checks', () => {
  it('refuses a non-loopback --host unless TLS and auth are declared in front', () => {
    const r = run(['--host', '0.0.0.0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Refusing --host 0\.0\.0\.0.*--behind-tls-auth-proxy/);
  });

  it('refuses PACS credentials in --pacs and malformed --pacs-header lines without echoing the secret', () => {
    const inUrl = run(['--pacs', 'https://user:s3cret@pacs.example/dicom-web']);
    expect(inUrl.status).toBe(2);
    expect(inUrl.stderr).toMatch(/must not contain credentials: pass them with --pacs-header/);
    expect(inUrl.stderr).not.toContain('s3cret');
    for (const header of ['Authorization Bearer s3cret', 'Bad Name: s3cret']) {
      const r = run(['--pacs', 'https://pacs.example/dicom-web', '--pacs-header', header]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--pacs-header #1/);
      expect(r.stderr).not.toContain('s3cret');
    }
  });
});
