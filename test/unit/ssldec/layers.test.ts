/**
 * Layers inside the engine: inference does not reach into training (input checks sit beside both), and the forward
 * pass (embedding + Student-t head) is written once, in model/, for training and inference alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ENGINE = resolve(__dirname, '../../../src/ssldec');
const filesIn = (folder: string) => readdirSync(join(ENGINE, folder)).filter((n) => n.endsWith('.ts')).map((n) => join(folder, n));
const read = (path: string) => readFileSync(join(ENGINE, path), 'utf8');
const ALL = ['backend', 'data', 'model', 'train', 'infer', 'io'].flatMap(filesIn);

describe('src/ssldec layers', () => {
  it('data/ imports no other layer of the engine (model/ extends its InputSpec, not the other way round)', () => {
    expect(filesIn('data').filter((f) => /from '\.\.\/(model|train|infer|io)\//.test(read(f)))).toEqual([]);
  });

  it('types.ts (shapes every layer uses) imports no layer of the engine, so no import circle runs through it', () => {
    expect(read('types.ts')).not.toMatch(/from '\.\/(backend|data|model|train|infer|io)\//);
  });

  it('infer/ imports nothing from train/', () => {
    expect(filesIn('infer').filter((f) => /from '\.\.\/train\//.test(read(f)))).toEqual([]);
  });

  it('the clustering head is applied only in model/ (one forward pass, model/forwardQ.ts)', () => {
    expect(ALL.filter((f) => !f.startsWith('model/') && /studentTQ\(/.test(read(f)))).toEqual([]);
    expect(ALL.filter((f) => !f.startsWith('model/') && /\bembed\(/.test(read(f)))).toEqual([]);
  });
});
