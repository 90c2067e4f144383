/**
 * extension/ohif/ is the only room that calls OHIF: services (segmentationService, uiNotificationService, ...),
 * commands, the extension manager's data source and module entries, and the host's Cornerstone. Everywhere else
 * in extension/ these calls are a mistake (the boundary had worn away once: six calls in the session, one in save).
 * Holding the managers as opaque values (index.ts keys sessions by servicesManager) is fine; calling into them is not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const EXTENSION = resolve(__dirname, '../../../extension');
const OHIF_ROOM = join(EXTENSION, 'ohif');

/** Calls into OHIF or the host Cornerstone, by shape: `<x>Service.<call>(`, `.services.`, manager calls, data source. */
const OHIF_CALLS: Array<[string, RegExp]> = [
  ['an OHIF service call', /\b[a-z]\w*Service\s*\??\.\s*\w+\s*\(/],
  ['servicesManager.services', /\.services\b/],
  ['a command call', /\brunCommand\s*\(/],
  ['an extension manager call', /\bextensionManager\s*\??\.\s*\w+\s*\(/],
  ['a data source call', /\bgetActiveDataSource\b|\.store\s*\.\s*dicom\s*\(/],
  ['the host Cornerstone', /\bgetCornerstoneLibraries\s*\(|\bcornerstone(Tools)?\s*\.\s*\w+/],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === OHIF_ROOM ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Code without comments, so prose such as "commandsManager.runCommand('ssldecTrain')" in a doc comment is allowed. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Every OHIF call outside extension/ohif/, as "file:line: what". */
function boundaryViolations(files: Array<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    code(text).split('\n').forEach((line, n) => {
      for (const [what, pattern] of OHIF_CALLS) if (pattern.test(line)) found.push(`${path}:${n + 1}: ${what}: ${line.trim()}`);
    });
  }
  return found;
}

describe('the OHIF boundary', () => {
  it('finds the calls it is meant to find (so an empty result below means something)', () => {
    const samples = [
      'this.services.segmentationService.setActiveSegment(id, 1);',
      'segmentationService.removeSegment(id, 2);',
      "ohif.commandsManager.runCommand('setBrushSize', { value: 3 });",
      'const ds = extensionManager.getActiveDataSource()[0];',
      'await dataSource.store.dicom(bytes);',
      'const cs = getCornerstoneLibraries(em); cs.cornerstone.cache.getImage(x);',
      'uiNotificationService?.show({ title, message });',
    ];
    const found = boundaryViolations(samples.map((text, i) => ({ path: `sample${i}.ts`, text })));
    samples.forEach((_, i) => expect(found.some((f) => f.startsWith(`sample${i}.ts:1:`))).toBe(true));
    expect(boundaryViolations([{ path: 'ok.ts', text: 'sessions.get(ohif.servicesManager); // commandsManager.runCommand(x)' }])).toEqual([]);
  });

  it('has no OHIF call outside extension/ohif/', () => {
    const files = sourceFiles(EXTENSION).map((path) => ({ path: relative(EXTENSION, path), text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(20);
    expect(boundaryViolations(files)).toEqual([]);
  });
});
