/**
 * Documents the code cites must be in the repository (they once pointed at ../shared/docs and /work/notes, which a
 * fresh clone does not have), and the OHIF contract must list every DOM test id the panel renders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.cache', '.data', 'test-artifacts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|js|cjs|md)$/.test(name) ? [path] : [];
  });
}

const sources = files(root).map((path) => ({ path: path.slice(root.length + 1), text: readFileSync(path, 'utf8') }));

describe('cited documents', () => {
  it('are cited inside the repository, not in ../shared/docs or /work/notes', () => {
    expect(sources.filter((s) => /shared\/docs\/|\/work\/notes\//.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('exist under docs/', () => {
    const cited = new Set(sources.flatMap((s) => [...s.text.matchAll(/\bdocs\/([\w-]+\.md)/g)].map((m) => m[1])));
    expect(cited.size).toBeGreaterThan(3);
    expect([...cited].filter((name) => !existsSync(join(root, 'docs', name)))).toEqual([]);
  });
});

describe('docs/ohif-contract.md', () => {
  it('lists every data-testid the extension renders', () => {
    const contract = readFileSync(join(root, 'docs/ohif-contract.md'), 'utf8');
    const rendered = sources
      .filter((s) => s.path.startsWith('extension/'))
      .flatMap((s) => [...s.text.matchAll(/data-testid=(?:"([^"]+)"|\{`([^`$]+)\$\{[^}]+\}`\})/g)].map((m) => m[1] ?? `${m[2]}<value>`));
    expect(rendered.length).toBeGreaterThan(15);
    expect([...new Set(rendered)].filter((id) => !contract.includes(`\`${id}\``))).toEqual([]);
  });
});
