import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { EXIT } from '../../../src/cli/CliError';
import { runCli } from '../../../src/cli/runCli';
import { readArrayBuffer } from '../../../src/io/node/readDicomFolder';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { readNiftiLabelmap } from '../../../src/io/readNifti';
import { writeNifti } from '../../../src/io/writeNifti';
import { editDicom } from '../../helpers/dicomFiles';
import { buildSsldecBin, ssldecBin } from '../../helpers/ssldecBin';
import { describeWithSharedData } from '../../helpers/sharedData';

jest.setTimeout(120_000);

/** Runs the CLI in-process and captures what it writes. */
async function cli(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } });
  return { code, ...out };
}

const MiB = 1024 ** 2;

describeWithSharedData('ssldec: every bad input exits 3 with the file named and no stack', ['ct-liver-seg-dcmqi/tiny-24x38x3'], ([tiny]) => {
  const work = mkdtempSync(join(tmpdir(), 'ssldec-bad-'));
  const names = ['IMG0001.dcm', 'IMG0002.dcm', 'IMG0003.dcm'];
  const series = join(work, 'series');
  mkdirSync(series);
  for (const n of names) copyFileSync(join(tiny, n), join(series, n));
  const source = readDicomSeries(names.map((n) => readArrayBuffer(join(series, n))));
  const { channels, ...grid } = source.volume;
  /** Sparse scribbles on the series grid: every 5th voxel, class by intensity. */
  const median = Float32Array.from(channels[0]).sort()[channels[0].length >> 1];
  const labels = Uint8Array.from(channels[0], (v, n) => (n % 5 ? 0 : v > median ? 2 : 1));
  const scribbles = join(work, 'scribbles.nii.gz');
  writeFileSync(scribbles, writeNifti({ ...grid, data: labels }, { gzip: true }));
  /** A folder holding a copy of the series changed by `edit` (file name → bytes, or undefined to drop it). */
  function seriesVariant(name: string, edit: (file: string, bytes: Buffer) => Buffer | undefined, extra: Record<string, Buffer> = {}): string {
    const folder = join(work, name);
    mkdirSync(folder);
    for (const n of names) {
      const bytes = edit(n, readFileSync(join(series, n)));
      if (bytes) writeFileSync(join(folder, n), bytes);
    }
    for (const [n, b] of Object.entries(extra)) writeFileSync(join(folder, n), b);
    return folder;
  }
  const segment = (image: string, more: string[]) => ['segment', '--image', image, '--scribbles', scribbles, '--preset', 'tiny', '--quiet', ...more];

  beforeAll(() => buildSsldecBin());
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a label value 200 is refused, not trained as 200 classes', async () => {
    const stray = labels.slice();
    stray[1] = 200;
    const file = join(work, 'stray.nii.gz');
    writeFileSync(file, writeNifti({ ...grid, data: stray }, { gzip: true }));
    const run = await cli(['segment', '--image', series, '--scribbles', file, '--out', join(work, 'x.nii.gz')]);
    expect(run.code).toBe(EXIT.INPUT);
    expect(run.stderr).toMatch(/^ssldec: --scribbles .*stray\.nii\.gz uses labels 1, 2 and 200 \(1: \d+ voxels, 2: \d+ voxels, 200: 1 voxels\); classes must be numbered 1\.\.K without gaps, and 3, 4, 5, 6, 7, 8, 9, 10, … are missing/);
  });

  it('extra --classes names are an error', async () => {
    const run = await cli(['segment', '--image', series, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--classes', 'dark,bright,air']);
    expect(run.code).toBe(EXIT.INPUT);
    expect(run.stderr).toMatch(/--classes names 3 classes \(dark, bright, air\) but --scribbles .*scribbles\.nii\.gz uses labels 1\.\.2; give exactly one name per label/);
  });

  it('a missing slice is named at load time: refused for a SEG; a NIfTI output leaves it unlabelled', async () => {
    // The third slice moved one step further: slices at 0, 2.5 and 7.5 mm, so k = 2 (at 5 mm) is missing.
    const gap = seriesVariant('gap', (n, b) =>
      n === 'IMG0003.dcm' ? Buffer.from(editDicom(readArrayBuffer(join(series, n)), (d) => { (d.ImagePositionPatient as number[])[2] += 2.5; })) : b);
    const gapScribbles = join(work, 'gap-scribbles.nii.gz');
    const slice = 24 * 38;
    writeFileSync(gapScribbles, writeNifti({ ...grid, dimensions: [24, 38, 4], data: Uint8Array.from({ length: 4 * slice }, (_, n) => (n % 5 ? 0 : 1 + (n % 2))) }, { gzip: true }));
    const args = (out: string) => ['segment', '--image', gap, '--scribbles', gapScribbles, '--out', out, '--preset', 'tiny', '--quiet'];
    const refused = await cli(args(join(work, 'gap.dcm')));
    expect(refused.code).toBe(EXIT.INPUT);
    expect(refused.stderr).toMatch(/--image .*gap: 1 slice\(s\) missing \(k 2\) between .*gap\/IMG0002\.dcm \([\d.]+\) at -?[\d.]+ mm and .*gap\/IMG0003\.dcm .* A SEG cannot reference slices that are not in the series/);
    expect(existsSync(join(work, 'gap.dcm'))).toBe(false);
    const out = join(work, 'gap.nii.gz');
    const written = ssldecBin([...args(out), '--backend', 'cpu']);
    expect(written.status).toBe(EXIT.OK);
    expect(written.stderr).toMatch(/warning: 1 slice\(s\) missing \(k 2\) between .*IMG0002\.dcm/);
    expect(written.stderr).toMatch(/warning: \d+ scribbled voxel\(s\) lie on missing slices and were ignored/);
    const prediction = readNiftiLabelmap(readFileSync(out));
    expect(prediction.data.subarray(2 * slice, 3 * slice).every((v) => v === 0)).toBe(true);
    expect(prediction.data.subarray(0, slice).some((v) => v > 0)).toBe(true);
  });

  it('a truncated file and a duplicated file are named', async () => {
    const cut = seriesVariant('cut', (n, b) => (n === 'IMG0002.dcm' ? b.subarray(0, b.length - 1000) : b));
    const truncated = await cli(segment(cut, ['--out', join(work, 'x.nii.gz')]));
    expect(truncated.code).toBe(EXIT.INPUT);
    expect(truncated.stderr).toMatch(/--image .*cut: .*cut\/IMG0002\.dcm: PixelData has 824 bytes but 24x38x1 pixels of 16 bits need 1824\. The file is truncated/);
    const twice = seriesVariant('twice', (_n, b) => b, { 'copy of IMG0002.dcm': readFileSync(join(series, 'IMG0002.dcm')) });
    const duplicate = await cli(segment(twice, ['--out', join(work, 'x.nii.gz')]));
    expect(duplicate.code).toBe(EXIT.INPUT);
    expect(duplicate.stderr).toMatch(/the same instance [\d.]+ is given twice \(.*twice\/IMG0002\.dcm and .*twice\/copy of IMG0002\.dcm\)\. Remove the copy/);
  });

  it('outputs are checked before training: missing folder, a folder, a file as folder, equal to an input', async () => {
    const cases: [string, RegExp][] = [
      [join(work, 'nope', 'seg.dcm'), /--out .*nope\/seg\.dcm: the folder .*nope does not exist\. Create it first/],
      [join(scribbles, 'seg.nii.gz'), /--out .*scribbles\.nii\.gz\/seg\.nii\.gz: .*scribbles\.nii\.gz is not a folder/],
      [scribbles, /--out .*scribbles\.nii\.gz is also --scribbles; writing it would overwrite that input/],
    ];
    const before = readFileSync(scribbles);
    for (const [out, message] of cases) {
      const run = await cli(['segment', '--image', series, '--scribbles', scribbles, '--out', out]);
      expect(run.code).toBe(EXIT.INPUT);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/supervised|\n\s+at /); // no training started, no stack
    }
    expect(readFileSync(scribbles).equals(before)).toBe(true);
    const model = await cli(['segment', '--image', series, '--scribbles', scribbles, '--out', join(work, 'm.nii.gz'), '--model', series]);
    expect(model.code).toBe(EXIT.INPUT);
    expect(model.stderr).toMatch(/--model .*series is also --image/);
  });

  (process.getuid?.() === 0 ? it.skip : it)('a read-only output folder is refused before training (not checkable as root)', async () => {
    const locked = join(work, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const run = await cli(['segment', '--image', series, '--scribbles', scribbles, '--out', join(locked, 'seg.nii.gz')]);
    expect(run.code).toBe(EXIT.INPUT);
    expect(run.stderr).toMatch(/--out .*locked\/seg\.nii\.gz cannot be written: permission denied/);
  });

  it('a truncated .nii.gz and a folder as --scribbles: exit 3 naming the file, no stack; --debug adds the stack', async () => {
    const whole = readFileSync(scribbles);
    const big = join(work, 'big.nii.gz');
    writeFileSync(big, writeNifti({ ...grid, channels: [Float32Array.from(channels[0], (v, n) => v + Math.sin(n) * 1000)] }, { gzip: true }));
    const cut = join(work, 'cut.nii.gz');
    writeFileSync(cut, readFileSync(big).subarray(0, readFileSync(big).length >> 1));
    expect(whole.length).toBeGreaterThan(0);
    const run = ssldecBin(segment(series, ['--out', join(work, 'x.nii.gz')]).map((a) => (a === scribbles ? cut : a)));
    expect(run.status).toBe(EXIT.INPUT);
    expect(run.stderr).toMatch(/^ssldec: --scribbles .*cut\.nii\.gz: NIfTI: the gzip data ends early \(unexpected end of file\)\. The file is truncated/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const folder = ssldecBin(segment(series, ['--out', join(work, 'x.nii.gz'), '--debug']).map((a) => (a === scribbles ? series : a)));
    expect(folder.status).toBe(EXIT.INPUT);
    expect(folder.stderr).toMatch(/^ssldec: --scribbles .*series is a folder; expected a file\.\nCliError: .*\n\s+at /);
  });

  it('NaN and constant images exit 3 (bad content, not a training failure)', async () => {
    const image = join(work, 'nan.nii.gz');
    const values = Float32Array.from(channels[0]);
    values[7] = NaN;
    writeFileSync(image, writeNifti({ ...grid, channels: [values] }, { gzip: true }));
    const nan = await cli(['segment', '--image', image, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--backend', 'cpu', '--preset', 'tiny', '--quiet']);
    expect(nan.code).toBe(EXIT.INPUT);
    expect(nan.stderr).toMatch(/^ssldec: --image .*nan\.nii\.gz: Volume channel 0 has a non-finite voxel \(NaN\)/);
    const flat = join(work, 'flat.nii.gz');
    writeFileSync(flat, writeNifti({ ...grid, channels: [new Float32Array(values.length).fill(40)] }, { gzip: true }));
    const constant = await cli(['segment', '--image', flat, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--backend', 'cpu', '--preset', 'tiny', '--quiet']);
    expect(constant.code).toBe(EXIT.INPUT);
    expect(constant.stderr).toMatch(/^ssldec: --image .*flat\.nii\.gz: Volume channel 0 is constant/);
    const junkModel = join(work, 'junk.model');
    writeFileSync(junkModel, 'not a model');
    const model = await cli(['segment', '--image', series, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--model', junkModel]);
    expect(model.code).toBe(EXIT.INPUT);
    expect(model.stderr).toMatch(/^ssldec: --model .*junk\.model: /);
    expect(model.stderr).not.toMatch(/\n\s+at /);
  });

  it('a 4-D NIfTI needs --volume; --volume picks one; a negative dimension is refused', async () => {
    const fmri = join(work, 'fmri.nii.gz');
    const frames = [0, 1, 2, 3].map((t) => Float32Array.from(channels[0], (v) => v + t));
    writeFileSync(fmri, writeNifti({ ...grid, channels: frames }, { gzip: true }));
    const refused = await cli(['segment', '--image', fmri, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz')]);
    expect(refused.code).toBe(EXIT.INPUT);
    expect(refused.stderr).toMatch(/--image .*fmri\.nii\.gz holds 4 3-D volumes .* Pass --volume N \(0\.\.3\) to segment one of them, or --volume all/);
    const outOfRange = await cli(['segment', '--image', fmri, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--volume', '4']);
    expect(outOfRange.code).toBe(EXIT.INPUT);
    expect(outOfRange.stderr).toMatch(/--volume 4: --image .*fmri\.nii\.gz holds 4 volume\(s\), numbered 0\.\.3/);
    const picked = ssldecBin(['segment', '--image', fmri, '--volume', '2', '--scribbles', scribbles, '--out', join(work, 'fmri-labels.nii.gz'), '--preset', 'tiny', '--backend', 'cpu', '--json', '--quiet']);
    expect(picked.status).toBe(EXIT.OK);
    expect(JSON.parse(picked.stdout).dimensions).toEqual([24, 38, 3]);
    const negative = writeNifti({ ...grid, channels: [channels[0]] });
    new DataView(negative.buffer).setInt16(42, -24, true);
    const bad = join(work, 'negative.nii');
    writeFileSync(bad, negative);
    const run = await cli(['segment', '--image', bad, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz')]);
    expect(run.code).toBe(EXIT.INPUT);
    expect(run.stderr).toMatch(/--image .*negative\.nii: NIfTI: dim\[1\] is -24; every dimension up to dim\[0\] = 3 must be at least 1/);
  });

  it('size checks: a DICOM claiming 65535x65535, a 2e6 mm slice gap, a .nii.gz inflating past --max-image-mb', async () => {
    const huge = seriesVariant('huge', (n, b) => (n === 'IMG0001.dcm' ? Buffer.from(editDicom(readArrayBuffer(join(series, n)), (d) => { d.Rows = 65535; d.Columns = 65535; })) : undefined));
    const claimed = await cli(segment(huge, ['--out', join(work, 'x.nii.gz')]));
    expect(claimed.code).toBe(EXIT.INPUT);
    expect(claimed.stderr).toMatch(/huge\/IMG0001\.dcm: PixelData has 1824 bytes but 65535x65535x1 pixels of 16 bits need 8589672450/);
    const far = seriesVariant('far', (n, b) => (n === 'IMG0003.dcm' ? Buffer.from(editDicom(readArrayBuffer(join(series, n)), (d) => { (d.ImagePositionPatient as number[])[2] += 2e6; })) : b));
    const gap = await cli(segment(far, ['--out', join(work, 'x.nii.gz')]));
    expect(gap.code).toBe(EXIT.INPUT);
    expect(gap.stderr).toMatch(/a grid of \d+ slices for 3 frames \(the widest gap is 2000\d+\.\d mm after .*far\/IMG0002\.dcm .* over the 2048 MiB ceiling/);
    const bomb = join(work, 'bomb.nii.gz');
    writeFileSync(bomb, gzipSync(new Uint8Array(24 * MiB)));
    const inflated = await cli(['segment', '--image', bomb, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz'), '--max-image-mb', '2']);
    expect(inflated.code).toBe(EXIT.INPUT);
    expect(inflated.stderr).toMatch(/--image .*bomb\.nii\.gz: NIfTI: the gzip data inflates past the 2 MiB ceiling/);
    // An MGH header (big-endian, 284 bytes) claiming 65535^3 uchar voxels.
    const mgh = Buffer.alloc(284 + 64);
    mgh.writeInt32BE(1, 0);
    [65535, 65535, 65535, 1].forEach((d, n) => mgh.writeInt32BE(d, 4 + 4 * n));
    const mghFile = join(work, 'huge.mgh');
    writeFileSync(mghFile, mgh);
    const mghRun = await cli(['segment', '--image', mghFile, '--scribbles', scribbles, '--out', join(work, 'x.nii.gz')]);
    expect(mghRun.code).toBe(EXIT.INPUT);
    expect(mghRun.stderr).toMatch(/^ssldec: --image .*huge\.mgh: MGH: 65535x65535x65535x1 needs \d+ MiB, over the 2048 MiB ceiling/);
  });

  it('info prints the grid of a DICOM folder (what scribbles must match) and of a NIfTI file', async () => {
    const run = await cli(['info', series, '--json']);
    expect(run.code).toBe(EXIT.OK);
    const report = JSON.parse(run.stdout);
    expect(report.seriesCount).toBe(1);
    expect(report.series[0]).toMatchObject({
      modality: 'CT', files: 3, dimensions: [24, 38, 3], spacing: grid.spacing, origin: grid.origin, direction: grid.direction,
      orientation: 'LPS', missingSlices: 0, rescale: expect.objectContaining({ slope: expect.any(Number) }),
    });
    const nifti = await cli(['info', scribbles, '--json']);
    expect(JSON.parse(nifti.stdout)).toMatchObject({ dimensions: [24, 38, 3], orientation: 'LPS', channels: 1 });
    expect(readdirSync(work).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('outputs are written through a temporary file and renamed', () => {
  const { writeFileAtomically } = require('../../../src/cli/cliFiles') as typeof import('../../../src/cli/cliFiles');
  const work = mkdtempSync(join(tmpdir(), 'ssldec-atomic-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('replaces the file whole and leaves no temporary file', () => {
    const out = join(work, 'seg.dcm');
    writeFileSync(out, 'old');
    writeFileAtomically(out, new TextEncoder().encode('new content'), '--out');
    expect(readFileSync(out, 'utf8')).toBe('new content');
    expect(readdirSync(work)).toEqual(['seg.dcm']);
  });

  it('a failed write leaves the previous file as it was and says why (exit 3)', () => {
    const out = join(work, 'kept.nii.gz');
    writeFileSync(out, 'previous');
    // The temporary name is taken by a folder: the write fails as a full disk would, before the rename.
    mkdirSync(join(work, `.kept.nii.gz.${process.pid}.partial`));
    let error: unknown;
    try {
      writeFileAtomically(out, new Uint8Array(10), '--out');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ exitCode: EXIT.INPUT });
    expect((error as Error).message).toMatch(/^--out .*kept\.nii\.gz could not be written: .*\. Nothing was written under that name\./);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});

