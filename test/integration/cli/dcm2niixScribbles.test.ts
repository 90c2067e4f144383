import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/CliError';
import { loadImage } from '../../../src/cli/loadImage';
import { loadScribbles } from '../../../src/cli/loadScribbles';
import { readNifti } from '../../../src/io/readNifti';
import { writeNifti } from '../../../src/io/writeNifti';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { readArrayBuffer } from '../../../src/io/node/readDicomFolder';
import { dciodvfy } from '../../helpers/dciodvfy';
import { buildSsldecBin, ssldecBin } from '../../helpers/ssldecBin';
import { describeWithSharedData } from '../../helpers/sharedData';

jest.setTimeout(180_000);

/** Scribble rule drawn on either grid: sparse voxels, class by intensity (1 dark, 2 mid, 3 bright), 0 elsewhere. */
function scribble(value: number, n: number, low: number, high: number): number {
  if (n % 7) return 0;
  return value < low ? 1 : value < high ? 2 : 3;
}

describeWithSharedData('scribbles drawn on the dcm2niix NIfTI of a DICOM series segment that series', ['mr-brain-epi-63slices'], ([folder]) => {
  const work = mkdtempSync(join(tmpdir(), 'ssldec-dcm2niix-'));
  const labels = join(work, 'scribbles.nii.gz');
  let low = 0;
  let high = 0;

  beforeAll(() => {
    buildSsldecBin();
    // Debian's dcm2niix, as a research user converts the series (gzip, one file); it stores the rows bottom-up.
    const run = spawnSync('dcm2niix', ['-z', 'y', '-b', 'n', '-f', 'epi', '-o', work, folder], { encoding: 'utf8' });
    if (run.error) throw new Error(`could not run dcm2niix (${run.error.message}); install Debian package dcm2niix`);
    expect(run.status).toBe(0);
    const nifti = readNifti(readFileSync(join(work, 'epi.nii.gz')));
    const sorted = Float32Array.from(nifti.channels[0]).sort();
    [low, high] = [sorted[Math.floor(sorted.length * 0.5)], sorted[Math.floor(sorted.length * 0.85)]];
    const { channels, ...grid } = nifti;
    const data = Uint8Array.from(channels[0], (v, n) => scribble(v, n, low, high));
    writeFileSync(labels, writeNifti({ ...grid, data }, { gzip: true }));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the NIfTI grid is the series grid with an axis flipped, and each scribble lands on its own DICOM voxel', async () => {
    const image = await loadImage(folder, {});
    const nifti = readNifti(readFileSync(join(work, 'epi.nii.gz')));
    expect(nifti.origin).not.toEqual(image.volume.origin); // the case the issue reports: refused before
    const { scribbles, classes } = loadScribbles(labels, image, undefined);
    expect(scribbles.origin).toEqual(image.volume.origin);
    expect(classes.map((c) => c.value)).toEqual([1, 2, 3]);
    // Every scribbled voxel carries the class its DICOM intensity gives: the data moved with the grid.
    const dicom = image.volume.channels[0];
    let scribbled = 0;
    for (let n = 0; n < dicom.length; n++) {
      if (!scribbles.data[n]) continue;
      scribbled++;
      expect(scribbles.data[n]).toBe(scribble(dicom[n], 0, low, high));
    }
    expect(scribbled).toBe(Math.ceil(dicom.length / 7));
  });

  it('ssldec segment --image <DICOM folder> --scribbles <dcm2niix labels> writes a SEG with 0 dciodvfy errors', () => {
    const out = join(work, 'seg.dcm');
    const run = ssldecBin(['segment', '--image', folder, '--scribbles', labels, '--out', out, '--preset', 'tiny', '--classes', 'dark,mid,bright', '--json', '--quiet']);
    expect(run.stderr).not.toMatch(/ssldec: /); // only the warning about the folder's licence and SOURCE files
    expect(run.status).toBe(EXIT.OK);
    expect(JSON.parse(run.stdout).classes.map((c: { name: string }) => c.name)).toEqual(['dark', 'mid', 'bright']);
    expect(dciodvfy(readFileSync(out)).errors).toEqual([]);
    const instances = readdirSync(folder).filter((n) => n.endsWith('.dcm')).map((n) => readArrayBuffer(join(folder, n)));
    const back = readSegmentation(readArrayBuffer(out), require('../../../src/io/readDicomSeries').readDicomSeries(instances).source.instances);
    expect(back.segments).toHaveLength(3);
  });
});
