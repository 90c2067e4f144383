import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from '../../../src/cli/CliError';
import { loadScribbles } from '../../../src/cli/loadScribbles';
import { readArrayBuffer } from '../../../src/io/node/readDicomFolder';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { writeNifti } from '../../../src/io/writeNifti';
import { buildSegmentation } from '../../../src/seg/buildSegmentation';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { reorderVoxels } from '../../../src/volume/axisMapping';
import type { Geometry, Labelmap } from '../../../src/volume/Volume';
import { describeWithSharedData } from '../../helpers/sharedData';

/** The same voxels as `g` stored with i and k reversed and i/j swapped (as an FSL/ITK tool might write them). */
function flippedAndSwapped(g: Geometry, data: Uint8Array): Labelmap {
  const [ni, nj, nk] = g.dimensions;
  const at = (i: number, j: number, k: number) => [0, 1, 2].map((r) => g.origin[r] + i * g.spacing[0] * g.direction[r] + j * g.spacing[1] * g.direction[3 + r] + k * g.spacing[2] * g.direction[6 + r]);
  // New axis 0 = old j, new axis 1 = old i reversed, new axis 2 = old k reversed.
  const direction = [...g.direction.slice(3, 6), ...g.direction.slice(0, 3).map((v) => -v + 0), ...g.direction.slice(6, 9).map((v) => -v + 0)];
  const grid: Geometry = {
    dimensions: [nj, ni, nk], spacing: [g.spacing[1], g.spacing[0], g.spacing[2]],
    origin: at(ni - 1, 0, nk - 1) as Geometry['origin'], direction: direction as Geometry['direction'],
  };
  // Old (i, j, k) goes to new (j, ni-1-i, nk-1-k): old axis 0 → new 1 flipped, 1 → 0, 2 → 2 flipped.
  return { ...grid, data: reorderVoxels(data, g.dimensions, grid.dimensions, { axis: [1, 0, 2], flip: [true, false, true] }) };
}

describeWithSharedData('label images on the image grid up to axis order and flips', ['ct-liver-seg-dcmqi/tiny-24x38x3'], ([tiny]) => {
  const work = mkdtempSync(join(tmpdir(), 'ssldec-scribbles-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const source = readDicomSeries(['IMG0001.dcm', 'IMG0002.dcm', 'IMG0003.dcm'].map((n) => readArrayBuffer(join(tiny, n))));
  const { channels, ...grid } = source.volume;
  const labels = Uint8Array.from({ length: channels[0].length }, (_, n) => (n % 3 ? 0 : 1 + ((n >> 2) % 2)));
  const other = flippedAndSwapped(grid, labels);

  it('NIfTI scribbles written with swapped and flipped axes load onto a NIfTI image exactly', () => {
    const file = join(work, 'swapped.nii.gz');
    writeFileSync(file, writeNifti(other, { gzip: true }));
    const image = { volume: { ...grid, channels }, warnings: [] };
    const loaded = loadScribbles(file, image, ['liver', 'other']);
    expect(loaded.scribbles.dimensions).toEqual([24, 38, 3]);
    expect(Buffer.from(loaded.scribbles.data).equals(Buffer.from(labels))).toBe(true);
    expect(loaded.classes.map((c) => c.name)).toEqual(['liver', 'other']);
  });

  it('a label image shifted by one voxel is refused naming both grids', () => {
    const file = join(work, 'shifted.nii.gz');
    writeFileSync(file, writeNifti({ ...grid, origin: [grid.origin[0] + grid.spacing[0], grid.origin[1], grid.origin[2]], data: labels }, { gzip: true }));
    let error: unknown;
    try {
      loadScribbles(file, { volume: { ...grid, channels }, warnings: [] }, undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.INPUT);
    expect((error as Error).message).toMatch(/^--scribbles .*shifted\.nii\.gz: labelmap origin is \[.*\] but the source series has \[.*\]\. The labelmap must cover the source grid voxel for voxel/);
  });

  it('the SEG writer takes a labelmap on the swapped grid and writes the same segments as on the series grid', () => {
    const segments = [{ label: 'liver' }, { label: 'other' }];
    const direct = buildSegmentation({ sourceInstances: source.source.instances, labelmap: { ...grid, data: labels }, segments });
    const reoriented = buildSegmentation({ sourceInstances: source.source.instances, labelmap: other, segments });
    const a = readSegmentation(direct.bytes, source.source.instances).labelmap.data;
    const b = readSegmentation(reoriented.bytes, source.source.instances).labelmap.data;
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(labels))).toBe(true);
  });
});
