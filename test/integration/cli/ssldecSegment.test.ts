import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { EXIT } from '../../../src/cli/CliError';
import { readArrayBuffer } from '../../../src/io/node/readDicomFolder';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { readNiftiLabelmap } from '../../../src/io/readNifti';
import { writeNifti } from '../../../src/io/writeNifti';
import { buildSegmentation } from '../../../src/seg/buildSegmentation';
import { readSegmentation } from '../../../src/seg/readSegmentation';
import { dciodvfy } from '../../helpers/dciodvfy';
import { startOrthanc } from '../../helpers/orthanc';
import { describeWithSharedData } from '../../helpers/sharedData';
import { makePhantom } from '../../unit/ssldec/helpers/phantom';

jest.setTimeout(120_000);
const ROOT = resolve(__dirname, '../../..');

/** Runs the real `ssldec` bin (the esbuild bundle: faster than TF.js under Jest's transform, and truly end to end). */
function ssldec(args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/ssldec.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Captures what the CLI writes. */
function streams() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

describeWithSharedData('ssldec CLI end to end on a small CT series', ['ct-liver-seg-dcmqi/tiny-24x38x3'], ([tiny]) => {
  const work = mkdtempSync(join(tmpdir(), 'ssldec-cli-'));
  const series = join(work, 'series');
  // The image series alone (the shared folder also holds a SEG and a multi-frame copy of the same images).
  require('node:fs').mkdirSync(series);
  for (const name of readdirSync(tiny).filter((n) => n.startsWith('IMG'))) copyFileSync(join(tiny, name), join(series, name));
  const source = readDicomSeries(readdirSync(series).map((n) => readArrayBuffer(join(series, n))));
  const { channels, ...grid } = source.volume;
  // Sparse scribbles: every 4th voxel, class by intensity (dark = 1, bright = 2).
  const median = Float32Array.from(channels[0]).sort()[channels[0].length >> 1];
  const scribbles = { ...grid, data: Uint8Array.from(channels[0], (v, n) => (n % 4 ? 0 : v > median ? 2 : 1)) };
  const scribbleSeg = join(work, 'scribbles.dcm');
  writeFileSync(scribbleSeg, new Uint8Array(buildSegmentation({ sourceInstances: source.source.instances, labelmap: scribbles, segments: [{ label: 'background' }, { label: 'liver' }] }).bytes));
  const scribbleNifti = join(work, 'scribbles.nii.gz');
  writeFileSync(scribbleNifti, writeNifti(scribbles, { gzip: true }));
  // Rebuild the bundle so the bin runs this checkout's sources, not a stale dist/ from an earlier build.
  beforeAll(() => require('../../../scripts/build-cli.js').buildCli());
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('segment with SEG scribbles writes a valid SEMIAUTOMATIC SEG named after the scribble segments (exit 0)', async () => {
    const out = join(work, 'prediction.dcm');
    const run = ssldec(['segment', '--image', series, '--scribbles', scribbleSeg, '--out', out, '--preset', 'tiny', '--seed', '3', '--json']);
    expect(run.stderr).not.toMatch(/ssldec: /);
    expect(run.stderr).toMatch(/supervised/); // progress on stderr
    expect(run.status).toBe(EXIT.OK);
    const summary = JSON.parse(run.stdout);
    expect(summary.backend).toBe('wasm'); // the CLI's default in Node
    expect(summary.classes.map((c: { name: string }) => c.name)).toEqual(['background', 'liver']);
    expect(summary.classes[0].voxels + summary.classes[1].voxels).toBe(24 * 38 * 3);
    // Every slice has strokes here, so the most doubtful of all three is named.
    expect(summary.doubtfulSlice).toEqual({ slice: expect.any(Number), unsureVoxels: expect.any(Number) });
    expect([0, 1, 2]).toContain(summary.doubtfulSlice.slice);
    expect(summary.doubtfulSlice.unsureVoxels).toBeLessThanOrEqual(24 * 38);
    const report = dciodvfy(readFileSync(out));
    expect(report.errors).toEqual([]);
    const back = readSegmentation(readArrayBuffer(out), source.source.instances);
    // The background class is not stored unless asked: 'liver' is segment 1, background voxels are "none".
    expect(summary.segments).toEqual(['liver']);
    expect(back.segments.map((s) => [s.SegmentLabel, s.SegmentAlgorithmType])).toEqual([['liver', 'SEMIAUTOMATIC']]);
    expect(count(back.labelmap.data, 1)).toBe(summary.classes[1].voxels);
    expect(count(back.labelmap.data, 0)).toBe(summary.classes[0].voxels);
  });

  it('--include-background stores the background class as a segment too', async () => {
    const out = join(work, 'prediction-with-background.dcm');
    const run = ssldec(['segment', '--image', series, '--scribbles', scribbleSeg, '--out', out, '--preset', 'tiny', '--seed', '3', '--include-background', '--json', '--quiet']);
    expect(run.status).toBe(EXIT.OK);
    const summary = JSON.parse(run.stdout);
    expect(summary.segments).toEqual(['background', 'liver']);
    const back = readSegmentation(readArrayBuffer(out), source.source.instances);
    expect(back.segments.map((s) => s.SegmentLabel)).toEqual(['background', 'liver']);
    expect(count(back.labelmap.data, 1)).toBe(summary.classes[0].voxels);
  });

  it('reports the first result\'s voxels per class, and --first-result writes exactly that result', () => {
    const refined = ssldec(['segment', '--image', series, '--scribbles', scribbleNifti, '--out', join(work, 'refined.nii.gz'), '--preset', 'tiny', '--seed', '3', '--json', '--quiet']);
    expect(refined.status).toBe(EXIT.OK);
    const summary = JSON.parse(refined.stdout);
    expect(summary.rounds).toBeGreaterThan(0);
    expect(summary.firstResult.classes.map((c: { name: string }) => c.name)).toEqual(['Class 1', 'Class 2']);
    expect(summary.firstResult.classes[0].voxels + summary.firstResult.classes[1].voxels).toBe(24 * 38 * 3);
    // The shares that would be flagged are the engine's bounds; this tiny run moves no class that far.
    expect(summary.firstResult).toMatchObject({ shrunk: [], grown: [] });
    const out = join(work, 'first.nii.gz');
    const first = ssldec(['segment', '--image', series, '--scribbles', scribbleNifti, '--out', out, '--preset', 'tiny', '--seed', '3', '--first-result', '--json', '--quiet']);
    expect(first.status).toBe(EXIT.OK);
    const firstSummary = JSON.parse(first.stdout);
    expect(firstSummary.rounds).toBe(0);
    expect(firstSummary.firstResult).toBeUndefined();
    expect(firstSummary.classes).toEqual(summary.firstResult.classes);
    const labels = readNiftiLabelmap(readFileSync(out)).data;
    expect(count(labels, 2)).toBe(summary.firstResult.classes[1].voxels);
    // The slice where the rounds moved the first result most (every slice has strokes here, so any of the three):
    // the most voxels that differ between the two written results, ties to the lower slice. (This tiny run's round
    // may move none; the panel's unit test covers a moved slice.)
    const final = readNiftiLabelmap(readFileSync(join(work, 'refined.nii.gz'))).data;
    const perSlice = 24 * 38;
    const changed = [0, 1, 2].map((k) => labels.subarray(k * perSlice, (k + 1) * perSlice).filter((v, p) => v !== final[k * perSlice + p]).length);
    const most = Math.max(...changed);
    expect(summary.movedSlice).toEqual({ slice: changed.indexOf(most), changedVoxels: most });
    expect(firstSummary.movedSlice).toBeUndefined();
  });

  it('the npx bin (esbuild bundle) runs NIfTI scribbles to a .nii.gz prediction', () => {
    const out = join(work, 'prediction.nii.gz');
    const run = ssldec(['segment', '--image', series, '--scribbles', scribbleNifti, '--out', out, '--preset', 'tiny', '--backend', 'cpu', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote NIfTI .*\(24x38x3, backend cpu/);
    // The text summary names the slice to check first (every slice has strokes here, so any of the three).
    expect(run.stdout).toMatch(/least sure on slice k=[0-2] \(0-based, third axis; \d+ voxels below 0\.7 confidence\): check it first/);
    expect(readNiftiLabelmap(readFileSync(out)).dimensions).toEqual([24, 38, 3]);
  });

  it('--image twice trains on two channels of one grid; an image on another grid exits 3 naming both', () => {
    // Second channel: the series inverted, written as NIfTI on the same grid (a co-registered second sequence).
    const second = join(work, 'inverted.nii.gz');
    writeFileSync(second, writeNifti({ ...grid, channels: [channels[0].map((v) => -v)] }, { gzip: true }));
    const out = join(work, 'two-channel.nii.gz');
    const run = ssldec(['segment', '--image', series, '--image', second, '--scribbles', scribbleNifti, '--out', out, '--preset', 'tiny', '--quiet', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(EXIT.OK);
    expect(JSON.parse(run.stdout).missingClasses).toEqual([]);
    const model = join(work, 'two-channel.ssldec');
    expect(ssldec(['segment', '--image', series, '--image', second, '--scribbles', scribbleNifti, '--out', out, '--preset', 'tiny', '--quiet', '--model', model]).status).toBe(EXIT.OK);
    // The saved model expects two channels: the header says so.
    expect(readFileSync(model).subarray(16, 2000).toString('utf8')).toMatch(/"inputChannels":2/);
    const other = join(work, 'other-grid.nii.gz');
    writeFileSync(other, writeNifti({ ...grid, dimensions: [24, 38, 2], channels: [channels[0].subarray(0, 24 * 38 * 2)] }, { gzip: true }));
    const bad = ssldec(['segment', '--image', series, '--image', other, '--scribbles', scribbleNifti, '--out', out, '--preset', 'tiny', '--quiet']);
    expect(bad.status).toBe(EXIT.INPUT);
    expect(bad.stderr).toMatch(/--image .*other-grid.nii.gz: dimensions \[24, 38, 2\] differs from the first --image .*series/);
  });

  it('bad arguments print usage and exit 2; a missing input exits 3', async () => {
    const a = streams();
    expect(await runCli(['segment', '--image', series], a.io)).toBe(EXIT.USAGE);
    expect(a.out.stderr).toMatch(/segment needs --scribbles[\s\S]*Usage:/);
    const b = streams();
    expect(await runCli(['segment', '--image', series, '--scribbles', scribbleSeg, '--out', 'x.dcm', '--backend', 'tpu'], b.io)).toBe(EXIT.USAGE);
    expect(b.out.stderr).toMatch(/--backend tpu: expected one of webgpu, webgl, wasm, cpu/);
    const c = streams();
    expect(await runCli(['frobnicate'], c.io)).toBe(EXIT.USAGE);
    const d = streams();
    expect(await runCli(['segment', '--image', join(work, 'nope'), '--scribbles', scribbleSeg, '--out', 'x.dcm'], d.io)).toBe(EXIT.INPUT);
    const spawned = ssldec(['segment', '--bogus']);
    expect(spawned.status).toBe(2);
    expect(spawned.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage:/);
  });

  it('info lists the series of a folder and the grid of a NIfTI file', async () => {
    const { out, io } = streams();
    expect(await runCli(['info', series, '--json'], io)).toBe(EXIT.OK);
    const report = JSON.parse(out.stdout);
    expect(report.series).toEqual([expect.objectContaining({ modality: 'CT', files: 3, rows: 38, columns: 24 })]);
    const nifti = streams();
    expect(await runCli(['info', scribbleNifti, '--json'], nifti.io)).toBe(EXIT.OK);
    expect(JSON.parse(nifti.out.stdout)).toMatchObject({ dimensions: [24, 38, 3], channels: 1 });
  });

  it('Ctrl-C during training stops cleanly with exit 130 and writes nothing', async () => {
    const out = join(work, 'interrupted.nii.gz');
    // cpu backend, cpu preset: minutes of training, so the interrupt lands mid-training.
    const child = spawn(process.execPath, [join(ROOT, 'bin/ssldec.js'), 'segment', '--image', series, '--scribbles', scribbleSeg, '--out', out, '--backend', 'cpu', '--preset', 'cpu'], { cwd: ROOT });
    let stderr = '';
    const code = await new Promise<number | null>((done) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/supervised/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => done(c));
    });
    expect(code).toBe(EXIT.CANCELLED);
    expect(stderr).toMatch(/cancelled/);
    expect(existsSync(out)).toBe(false);
  });

  it('--model writes the trained model, and a second run starts from it', () => {
    const model = join(work, 'model.bin');
    const args = ['segment', '--image', series, '--scribbles', scribbleSeg, '--preset', 'tiny', '--model', model, '--json', '--quiet'];
    const first = ssldec([...args, '--out', join(work, 'first.nii.gz')]);
    expect(first.status).toBe(EXIT.OK);
    expect(existsSync(model)).toBe(true);
    const second = ssldec([...args, '--out', join(work, 'second.nii.gz')]);
    expect(second.stderr).toBe('');
    expect(second.status).toBe(EXIT.OK);
    expect(JSON.parse(second.stdout).model).toBe(model);
  });

  it('--stow stores the SEG in a real Orthanc; with Orthanc stopped it exits 5 and keeps the file', async () => {
    const orthanc = await startOrthanc();
    try {
      const out = join(work, 'stowed.dcm');
      const ok = ssldec(['segment', '--image', series, '--scribbles', scribbleSeg, '--out', out, '--preset', 'tiny', '--stow', orthanc.dicomWebRoot, '--header', `Authorization: ${orthanc.authHeaders.authorization}`, '--json', '--quiet']);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(EXIT.OK);
      expect(JSON.parse(ok.stdout).stow).toEqual({ root: orthanc.dicomWebRoot, stored: true, attempts: 1 });
    } finally {
      await orthanc.stop();
    }
    const kept = join(work, 'kept.dcm');
    const down = ssldec(['segment', '--image', series, '--scribbles', scribbleSeg, '--out', kept, '--preset', 'tiny', '--stow', orthanc.dicomWebRoot, '--quiet']);
    expect(down.status).toBe(EXIT.PACS);
    expect(down.stderr).toMatch(/got no answer[\s\S]*NOT stored in the PACS; it is kept at .*kept\.dcm/);
    expect(existsSync(kept)).toBe(true);
    expect(dciodvfy(readFileSync(kept)).errors).toEqual([]);
  });
});

describe('ssldec segment keeps the result whose class boundaries follow the image (a generated phantom, NIfTI in and out)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ssldec-cli-kept-'));
  const phantom = makePhantom([40, 40, 12], [4, 7]);
  const image = join(work, 'image.nii.gz');
  const scribbles = join(work, 'scribbles.nii.gz');
  writeFileSync(image, writeNifti(phantom.volume, { gzip: true }));
  writeFileSync(scribbles, writeNifti(phantom.scribbles, { gzip: true }));
  beforeAll(() => require('../../../scripts/build-cli.js').buildCli());
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // With network seed 3 this run keeps its first result (as the engine's own test: boundaryCheck.test.ts).
  const segment = (out: string, ...more: string[]) => ssldec(['segment', '--image', image, '--scribbles', scribbles, '--out', join(work, out), '--preset', 'tiny', '--seed', '3', '--json', '--quiet', ...more]);

  it('writes the first result when its boundaries lie on stronger edges, says so, and --refined-result writes the other', () => {
    const kept = segment('kept.nii.gz');
    expect(kept.status).toBe(EXIT.OK);
    const summary = JSON.parse(kept.stdout);
    expect(summary.kept).toBe('first');
    expect(summary.rounds).toBe(0);
    expect(summary.classes).toEqual(summary.firstResult.classes);
    expect(summary.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Kept the first result \(before the SSLDEC rounds\)/),
      'run again with --refined-result to write the refined result instead of the first.',
    ]));
    // The refinement's own warnings are about a written refined result: none here.
    expect(summary.warnings.filter((w: string) => /--first-result/.test(w))).toEqual([]);
    const refined = segment('refined.nii.gz', '--refined-result');
    expect(refined.status).toBe(EXIT.OK);
    const other = JSON.parse(refined.stdout);
    expect(other.kept).toBeUndefined();
    expect(other.rounds).toBeGreaterThan(0);
    expect(other.warnings.join(' ')).not.toMatch(/Kept the first result|--refined-result/);
    // The same first result, a different written one; and where they differ most is the slice to check in both runs.
    expect(other.firstResult.classes).toEqual(summary.firstResult.classes);
    expect(other.classes).not.toEqual(summary.classes);
    expect(other.movedSlice).toEqual(summary.movedSlice);
    const [a, b] = ['kept.nii.gz', 'refined.nii.gz'].map((f) => readNiftiLabelmap(readFileSync(join(work, f))).data);
    expect([1, 2, 3].map((v) => count(a, v))).toEqual(summary.classes.map((c: { voxels: number }) => c.voxels));
    expect([1, 2, 3].map((v) => count(b, v))).toEqual(other.classes.map((c: { voxels: number }) => c.voxels));
  });

  it('refuses --first-result with --refined-result (exit 2)', () => {
    const both = segment('both.nii.gz', '--first-result', '--refined-result');
    expect(both.status).toBe(EXIT.USAGE);
    expect(both.stderr).toMatch(/--first-result and --refined-result: choose one/);
  });
});

function count(data: Uint8Array, value: number): number {
  let n = 0;
  for (const v of data) if (v === value) n++;
  return n;
}
