import { accessSync, constants, existsSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from './CliError';

/** Node's error code as words a user can act on. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'does not exist', EISDIR: 'is a folder, not a file', ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied', EPERM: 'operation not permitted', ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only', EDQUOT: 'disk quota exceeded', EIO: 'input/output error',
  };
  return (code && words[code]) ?? (error as Error).message;
}

/**
 * Reads an input file named by an option (`--scribbles`, `--model`).
 * @throws CliError(INPUT) naming the option and path when it is missing, a folder or unreadable.
 */
export function readInputFile(path: string, option: string): Uint8Array {
  if (!existsSync(path)) throw new CliError(EXIT.INPUT, `${option} ${path} does not exist.`);
  if (statSync(path).isDirectory()) throw new CliError(EXIT.INPUT, `${option} ${path} is a folder; expected a file.`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(EXIT.INPUT, `${option} ${path}: ${reasonOf(error)}.`);
  }
}

/** The same file for two paths (one may not exist yet): resolved, with links followed where they exist. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

/**
 * Checks, before any training, that an output can be written: its folder exists and is writable, the path is
 * not a folder, and it is none of the inputs (`--out` equal to `--scribbles` would overwrite the user's scribbles).
 * @throws CliError(INPUT) naming the option and what to do.
 */
export function checkOutputPath(path: string, option: string, inputs: { option: string; path: string }[]): void {
  for (const input of inputs) {
    if (samePath(path, input.path)) {
      throw new CliError(EXIT.INPUT, `${option} ${path} is also ${input.option}; writing it would overwrite that input. Choose another output path.`);
    }
  }
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new CliError(EXIT.INPUT, `${option} ${path}: the folder ${folder} does not exist. Create it first.`);
  if (!statSync(folder).isDirectory()) throw new CliError(EXIT.INPUT, `${option} ${path}: ${folder} is not a folder.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new CliError(EXIT.INPUT, `${option} ${path} is a folder; expected a file path.`);
  try {
    accessSync(folder, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch (error) {
    throw new CliError(EXIT.INPUT, `${option} ${path} cannot be written: ${reasonOf(error)}.`);
  }
}

/**
 * Writes an output through a temporary file in the same folder, then renames it over the target, so a full
 * disk or an interrupt never leaves a half-written SEG or NIfTI under the output name.
 * @throws CliError(INPUT) naming the option and path; the temporary file is removed.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array, option: string): void {
  const temporary = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.partial`);
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was created, or it is already gone.
    }
    throw new CliError(EXIT.INPUT, `${option} ${path} could not be written: ${reasonOf(error)}. Nothing was written under that name.`);
  }
}

/**
 * Runs a reader and names the file in any format, geometry or content error it raises, so every message says
 * which input is at fault (`--scribbles s.nii.gz: NIfTI: the gzip data ends early …`).
 */
export function namingFile<T>(option: string, path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const e = error as Error;
    if (['ImageFormatError', 'DicomSeriesError', 'SegmentationError', 'GeometryMismatchError'].includes(e?.name)) {
      throw new CliError(EXIT.INPUT, `${option} ${path}: ${e.message}`);
    }
    throw error;
  }
}
