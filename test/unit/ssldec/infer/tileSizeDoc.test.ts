/**
 * The documented default of `PredictOptions.maxTileVoxels` must be the one the code uses (the TSDoc once said 2^20
 * while predictVolume used 2^19).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_TILE_VOXELS } from '../../../../src/ssldec/infer/predictVolume';

test('PredictOptions.maxTileVoxels documents DEFAULT_MAX_TILE_VOXELS', () => {
  const source = readFileSync(resolve(__dirname, '../../../../src/ssldec/types.ts'), 'utf8');
  const doc = /\/\*\*([^*]|\*(?!\/))*\*\/\s*maxTileVoxels\?/.exec(source)?.[0];
  expect(doc).toBeDefined();
  const power = /default 2\^(\d+)/.exec(doc!);
  expect(power).not.toBeNull();
  expect(2 ** Number(power![1])).toBe(DEFAULT_MAX_TILE_VOXELS);
});
