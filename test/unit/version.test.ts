/**
 * The version is written once, in package.json: the SEG writer, the CLI and the extension read it from there, and
 * no source file repeats it as a literal (it was hard-coded in six places).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VERSION } from '../../src/version';
import { IMPLEMENTATION_VERSION_NAME } from '../../src/io/dicom/uids';
import { runCli } from '../../src/cli/runCli';

const root = resolve(__dirname, '../..');
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js)$/.test(name) ? [path] : [];
  });
}

describe('VERSION', () => {
  it('is package.json\'s version, and `ssldec --version` prints it', async () => {
    expect(VERSION).toBe(packageVersion);
    let out = '';
    await runCli(['--version'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true, isTTY: false } });
    expect(out).toBe(`${packageVersion}\n`);
  });

  it('is not repeated as a string literal in src/, extension/, modes/ or scripts/', () => {
    const literal = new RegExp(`['"\`][\\^~]?${packageVersion.replace(/\./g, '\\.')}['"\`]`);
    const files = ['src', 'extension', 'modes', 'scripts'].flatMap((d) => sourceFiles(join(root, d)));
    expect(files.filter((f) => literal.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1))).toEqual([]);
  });

  it('gives an ImplementationVersionName that fits its VR (SH, at most 16 characters)', () => {
    expect(IMPLEMENTATION_VERSION_NAME).toBe(`SSLDEC_OHIF_${packageVersion.split('.').slice(0, 2).join('_')}`);
    expect(IMPLEMENTATION_VERSION_NAME.length).toBeLessThanOrEqual(16);
  });
});
