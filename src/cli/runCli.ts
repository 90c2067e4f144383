import { parseArgs } from 'node:util';
import { DicomWebError } from '../dicomweb/DicomWebError';
import { DicomSeriesError } from '../io/dicom/DicomSeriesError';
import { ImageFormatError } from '../io/ImageFormatError';
import { SegmentationError } from '../seg/SegmentationError';
import {
  BACKEND_NAMES, PRESET_NAMES, GeometryMismatchError, InsufficientScribblesError, InvalidVolumeError, ModelFormatError, ModelMismatchError,
  offersMovedSlice, SsldecError, TrainingCancelledError, UNSURE_BELOW, type BackendName,
} from '../ssldec';
import { CliError, EXIT, type ExitCode } from './CliError';
import { infoCommand } from './commands/info';
import { segmentCommand, type SegmentOptions } from './commands/segment';
import type { ProgressSink } from './progressBar';
import { USAGE } from './usage';
import { VERSION } from '../version';

/** Where the CLI writes: results on stdout, progress and errors on stderr. */
export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
}


/**
 * Runs `ssldec` with `argv` (without node and script) and returns the exit status; never throws and never
 * calls process.exit, so tests can run it in-process.
 */
export async function runCli(argv: string[], io: CliStreams, signal?: AbortSignal): Promise<ExitCode> {
  // --debug anywhere: stacks on every failure (otherwise one message, and a stack only for a bug).
  const debug = argv.includes('--debug');
  try {
    const [command, ...rest] = argv.filter((a) => a !== '--debug');
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(USAGE);
      return command === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (command === '--version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.OK;
    }
    if (command === 'info') {
      const { positionals, values } = parse(rest, {
        json: { type: 'boolean' }, header: { type: 'string', multiple: true }, timeout: { type: 'string' }, 'max-image-mb': { type: 'string' },
      }, true);
      if (positionals.length !== 1) throw new CliError(EXIT.USAGE, `info takes one file, folder or DICOMweb series URL; got ${positionals.length}.`);
      const v = values as Record<string, string | boolean | string[] | undefined>;
      const report = await infoCommand(positionals[0], {
        headers: headersOf(v.header as string[] | undefined), timeoutMs: timeoutOf(v.timeout as string | undefined), maxBytes: maxBytesOf(v['max-image-mb'] as string | undefined),
      });
      io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
      return EXIT.OK;
    }
    if (command === 'segment') {
      const options = segmentOptions(rest);
      const json = rest.includes('--json');
      const summary = await segmentCommand(options, io.stderr, signal);
      if (json) io.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        io.stdout.write(`wrote ${summary.format} ${summary.out} (${summary.dimensions.join('x')}, backend ${summary.backend}, ${summary.seconds.total} s)\n`);
        for (const c of summary.classes) io.stdout.write(`  ${c.value} ${c.name}: ${c.voxels} voxels\n`);
        const d = summary.doubtfulSlice;
        if (summary.dimensions[2] > 1) io.stdout.write(`least sure on slice k=${d.slice} (0-based, third axis; ${d.unsureVoxels} voxels below ${UNSURE_BELOW} confidence): check it first\n`);
        const m = summary.movedSlice;
        if (summary.dimensions[2] > 1 && m && offersMovedSlice(m, d.slice)) {
          io.stdout.write(`most changed by the refinement on slice k=${m.slice} (${m.changedVoxels} voxels changed class after the first result): check it too\n`);
        }
        if (summary.stow) io.stdout.write(`stored in ${summary.stow.root}${summary.stow.stored ? '' : ' (already there)'}\n`);
      }
      for (const w of summary.warnings) io.stderr.write(`warning: ${w}\n`);
      return EXIT.OK;
    }
    throw new CliError(EXIT.USAGE, `unknown command "${command}"; expected segment or info.`);
  } catch (error) {
    const code = exitCodeOf(error);
    io.stderr.write(`ssldec: ${messageOf(error)}\n`);
    if (code === EXIT.USAGE) io.stderr.write(`\n${USAGE}`);
    if (debug) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else if (code === EXIT.INTERNAL) io.stderr.write('This is a bug in ssldec; run again with --debug for the stack trace and report it.\n');
    return code;
  }
}

/** A Node file-system error (ENOENT, EISDIR, EACCES, ENOSPC, …) that names its path. */
function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return typeof (error as NodeJS.ErrnoException)?.code === 'string' && typeof (error as NodeJS.ErrnoException)?.path === 'string';
}

function messageOf(error: unknown): string {
  if (isFileError(error)) return `${error.path}: ${error.message.replace(/^\w+: /, '')}`;
  return (error as Error)?.message ?? String(error);
}

type Spec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function parse(args: string[], options: Spec, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError(EXIT.USAGE, (error as Error).message);
  }
}

function segmentOptions(args: string[]): SegmentOptions {
  const { values } = parse(args, {
    image: { type: 'string', multiple: true }, scribbles: { type: 'string' }, out: { type: 'string' }, stow: { type: 'string' },
    model: { type: 'string' }, backend: { type: 'string' }, seed: { type: 'string' }, preset: { type: 'string' },
    classes: { type: 'string' }, series: { type: 'string' }, header: { type: 'string', multiple: true },
    fractional: { type: 'boolean' }, 'include-background': { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
    'first-result': { type: 'boolean' }, 'refined-result': { type: 'boolean' }, volume: { type: 'string' }, timeout: { type: 'string' }, 'max-image-mb': { type: 'string' },
  });
  const v = values as Record<string, string | boolean | string[] | undefined>;
  const images = ((v.image as string[] | undefined) ?? []).filter(Boolean);
  if (images.length === 0) throw new CliError(EXIT.USAGE, 'segment needs --image.');
  if (v['first-result'] && v['refined-result']) throw new CliError(EXIT.USAGE, '--first-result and --refined-result: choose one.');
  for (const required of ['scribbles', 'out']) {
    if (typeof v[required] !== 'string' || !v[required]) throw new CliError(EXIT.USAGE, `segment needs --${required}.`);
  }
  const backend = v.backend as string | undefined;
  if (backend !== undefined && !BACKEND_NAMES.includes(backend as BackendName)) {
    throw new CliError(EXIT.USAGE, `--backend ${backend}: expected one of ${BACKEND_NAMES.join(', ')}.`);
  }
  const preset = v.preset as string | undefined;
  if (preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(preset)) {
    throw new CliError(EXIT.USAGE, `--preset ${preset}: expected ${PRESET_NAMES.slice(0, -1).join(', ')} or ${PRESET_NAMES.at(-1)}.`);
  }
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isInteger(seed)) throw new CliError(EXIT.USAGE, `--seed ${v.seed}: expected an integer.`);
  const headers = headersOf(v.header as string[] | undefined);
  let volume: number | 'all' | undefined;
  if (typeof v.volume === 'string') {
    volume = v.volume === 'all' ? 'all' : Number(v.volume);
    if (volume !== 'all' && !(Number.isInteger(volume) && volume >= 0)) throw new CliError(EXIT.USAGE, `--volume ${v.volume}: expected a volume number from 0, or all.`);
  }
  return {
    image: images[0],
    moreImages: images.slice(1),
    scribbles: v.scribbles as string,
    out: v.out as string,
    stow: v.stow as string | undefined,
    model: v.model as string | undefined,
    backend: backend as BackendName | undefined,
    seed,
    preset: preset as SegmentOptions['preset'],
    classes: typeof v.classes === 'string' ? v.classes.split(',').map((c) => c.trim()).filter(Boolean) : undefined,
    series: v.series as string | undefined,
    headers,
    fractional: v.fractional === true,
    includeBackground: v['include-background'] === true,
    firstResult: v['first-result'] === true,
    refinedResult: v['refined-result'] === true,
    quiet: v.quiet === true,
    volume,
    timeoutMs: timeoutOf(v.timeout as string | undefined),
    maxBytes: maxBytesOf(v['max-image-mb'] as string | undefined),
  };
}

function headersOf(list: string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list ?? []) {
    const at = h.indexOf(':');
    // The value is not echoed: it is usually a credential.
    if (at < 1) throw new CliError(EXIT.USAGE, `--header: expected "Name: value"; got ${h.length} characters without a name before ':'.`);
    const name = h.slice(0, at).trim();
    if (!/^[!#$%&'*+.^_\`|~0-9A-Za-z-]+$/.test(name)) throw new CliError(EXIT.USAGE, `--header: "${name}" is not a valid HTTP header name.`);
    headers[name] = h.slice(at + 1).trim();
  }
  return headers;
}

/** DICOMweb timeout in ms: `--timeout` seconds, default 60. */
function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 60_000;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new CliError(EXIT.USAGE, `--timeout ${value}: expected seconds > 0.`);
  return seconds * 1000;
}

/** `--max-image-mb` as bytes, or undefined for the readers' default. */
function maxBytesOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!(mb > 0)) throw new CliError(EXIT.USAGE, `--max-image-mb ${value}: expected a size in MiB > 0.`);
  return mb * 1024 ** 2;
}

function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ImageFormatError || error instanceof DicomSeriesError || error instanceof SegmentationError) return EXIT.INPUT;
  if (error instanceof DicomWebError) return EXIT.INPUT; // reading the image over DICOMweb failed; nothing written
  if (error instanceof GeometryMismatchError || error instanceof InsufficientScribblesError) return EXIT.INPUT;
  // Bad content (NaN, constant image), an unreadable model file or one trained for other classes: inputs too.
  if (error instanceof InvalidVolumeError || error instanceof ModelFormatError || error instanceof ModelMismatchError) return EXIT.INPUT;
  if (isFileError(error)) return EXIT.INPUT;
  if (error instanceof TrainingCancelledError) return EXIT.CANCELLED;
  if (error instanceof SsldecError) return EXIT.TRAINING;
  return EXIT.INTERNAL;
}
