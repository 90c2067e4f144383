/**
 * The layers of src/ as the folder READMEs state them: which other src/ folders each may import. Catches, e.g.,
 * src/io importing DICOM UIDs from src/seg while src/seg builds on src/io (a circle), or the engine reaching into
 * the extension. Reads every import and export-from of src/ (relative paths only; packages are not checked).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

/** Folder (or root file without extension) → src/ folders and root files it may import besides itself. */
const ALLOWED: Record<string, string[]> = {
  volume: [],
  version: ['package.json'],
  io: ['volume', 'version'],
  ssldec: ['volume'],
  seg: ['io', 'volume', 'version'],
  dicomweb: ['io'],
  cli: ['volume', 'version', 'io', 'ssldec', 'seg', 'dicomweb'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The src/ layer of a path: its first folder under src/, or a root file's name without extension. */
function layerOf(path: string): string {
  const rel = relative(SRC, path);
  if (rel === '../package.json') return 'package.json';
  if (rel.startsWith('..')) return `outside src (${relative(resolve(SRC, '..'), path)})`;
  return rel.split(/[\\/]/)[0].replace(/\.tsx?$/, '');
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const to = layerOf(resolve(dirname(file), m[1]));
      if (to !== from && !(ALLOWED[from] ?? []).includes(to)) found.push(`${relative(SRC, file)} imports ${m[1]} (${from} → ${to})`);
    }
  }
  return found;
}

describe('src/ layers', () => {
  it('every src/ folder is listed with what it may import', () => {
    const layers = new Set(sourceFiles(SRC).map(layerOf));
    expect([...layers].filter((l) => !(l in ALLOWED))).toEqual([]);
  });
  it('no folder imports a layer above it, and nothing imports extension/, modes/ or bench/', () => {
    expect(violations()).toEqual([]);
  });
});
