import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What dciodvfy (dicom3tools) said about one file. */
export interface DciodvfyReport {
  /** The IOD it recognised, e.g. "Segmentation". */
  iod: string;
  errors: string[];
  warnings: string[];
  exitCode: number;
  output: string;
}

/**
 * Runs `dciodvfy` on DICOM bytes (written to a temp file). Real validator, no mock: the test fails if
 * dicom3tools is not installed (scripts/test.js installs it).
 */
export function dciodvfy(bytes: ArrayBuffer | Uint8Array): DciodvfyReport {
  const dir = mkdtempSync(join(tmpdir(), 'dciodvfy-'));
  try {
    const file = join(dir, 'object.dcm');
    writeFileSync(file, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    if (run.error) throw new Error(`could not run dciodvfy (${run.error.message}); install Debian package dicom3tools`);
    const output = `${run.stdout}${run.stderr}`;
    const lines = output.split('\n');
    return {
      iod: lines.find((l) => l && !/^(Error|Warning)/.test(l))?.trim() ?? '',
      errors: lines.filter((l) => l.startsWith('Error')),
      warnings: lines.filter((l) => l.startsWith('Warning')),
      exitCode: run.status ?? -1,
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `dcentvfy SEG SOURCE…`: patient/study/series consistency between a derived object and its sources.
 * Returns the Error/Warning lines it printed.
 */
export function dcentvfy(seg: ArrayBuffer | Uint8Array, sources: ArrayBuffer[]): { errors: string[]; warnings: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dcentvfy-'));
  try {
    const segFile = join(dir, 'seg.dcm');
    writeFileSync(segFile, seg instanceof Uint8Array ? seg : new Uint8Array(seg));
    const sourceFiles = sources.map((s, n) => {
      const f = join(dir, `source${n}.dcm`);
      writeFileSync(f, new Uint8Array(s));
      return f;
    });
    const run = spawnSync('dcentvfy', [segFile, ...sourceFiles], { encoding: 'utf8' });
    if (run.error) throw new Error(`could not run dcentvfy (${run.error.message}); install Debian package dicom3tools`);
    const output = `${run.stdout}${run.stderr}`;
    const lines = output.split('\n');
    return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
