import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backendNotice, describeError, isCancellation, TOO_LARGE_TITLE } from '../../../../extension/session/describeError';
import { readSsldecConfig } from '../../../../extension/session/SsldecConfig';
import { TrainingInputError } from '../../../../extension/session/trainOnScribbles';
import { WorkerRequestError } from '../../../../extension/worker/WorkerClient';
import { NotAnImageVolumeError } from '../../../../extension/ohif/OhifBoundaryError';

describe('describeError', () => {
  it('explains engine errors by class name with what to do', () => {
    expect(describeError(new WorkerRequestError('InsufficientScribblesError', 'Only class 1 has scribbles.'))).toEqual({
      title: 'Not enough scribbles', message: expect.stringMatching(/^Only class 1 has scribbles\. Paint strokes for at least two classes/),
    });
    // the lost-GPU and too-large messages name the panel's button and carry the factor it trains at
    expect(describeError(new WorkerRequestError('DeviceLostError', 'GPU device lost.'))).toMatchObject({
      message: expect.stringMatching(/press "Train at lower resolution" \(1\/2\)/), lowerResolutionFactor: 2,
    });
    expect(describeError(new TrainingInputError('big', 'too-large', 4))).toMatchObject({ title: TOO_LARGE_TITLE, lowerResolutionFactor: 4 });
    expect(describeError(new TrainingInputError('none', 'no-scribbles')).lowerResolutionFactor).toBeUndefined();
    expect(describeError(new NotAnImageVolumeError('The viewport shows SEG.'))).toEqual({ title: 'Not an image volume', message: 'The viewport shows SEG.' });
    expect(describeError(new Error('odd'), 'Training failed')).toEqual({ title: 'Training failed', message: 'odd' });
    expect(describeError(new WorkerRequestError('Error', 'Buffer size exceeds maxStorageBufferBindingSize (134217728)')).title).toBe(TOO_LARGE_TITLE);
  });

  it('recognises cancellation, and says which backend ran instead of WebGPU and how much slower', () => {
    expect(isCancellation(new WorkerRequestError('AbortError', 'x'))).toBe(true);
    expect(isCancellation(new Error('x'))).toBe(false);
    expect(backendNotice('webgpu')).toBeUndefined();
    expect(backendNotice('webgl')).toMatch(/ran on webgl \(about 2–5× slower/);
    expect(backendNotice('cpu')).toMatch(/30–100× slower/);
    // With the worker's reason the notice repeats it and claims nothing about WebGPU that was not checked.
    const forced = backendNotice('webgpu', 'webgpu, as set in the site configuration (window.config.ssldec.backend)');
    expect(forced).toBe('Trained on webgpu, as set in the site configuration (window.config.ssldec.backend).');
    expect(backendNotice('wasm', 'wasm (SIMD, threads) because the only WebGPU adapter is a software one (google swiftshader)'))
      .not.toMatch(/not available/);
  });
});

describe('readSsldecConfig', () => {
  it('keeps valid fields and drops invalid ones with a warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readSsldecConfig({ preset: 'tiny', backend: 'webgpu', maxRounds: 1, seed: 'x', workerUrl: '/w.js' }))
      .toEqual({ preset: 'tiny', backend: 'webgpu', maxRounds: 1, workerUrl: '/w.js' });
    expect(readSsldecConfig({ backend: 'cuda' })).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/backend = "cuda" ignored: expected webgpu \| webgl \| wasm \| cpu/));
    expect(readSsldecConfig(undefined)).toEqual({});
    expect(readSsldecConfig({ sessionMaxAgeDays: '7' })).toEqual({ sessionMaxAgeDays: 7 });
    expect(readSsldecConfig({ sessionMaxAgeDays: 0 })).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/sessionMaxAgeDays = 0 ignored: expected a positive number of days/));
    expect(readSsldecConfig({ wasmThreads: 2 })).toEqual({ wasmThreads: 2 });
    expect(readSsldecConfig({ wasmThreads: 0 })).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/wasmThreads = 0 ignored: expected a positive integer/));
    warn.mockRestore();
  });
});

/** Error classes that never reach the panel, and why. */
const NOT_SHOWN_IN_PANEL: Record<string, string> = {
  CliError: 'the command line prints it with its exit code',
  WorkerRequestError: 'carries another error across the worker; describeError reads its errorName',
};

/** Every `export class X extends ...` in src/ and extension/ that is an Error subclass, with its module path. */
function exportedErrorClasses(): { file: string; name: string; cls: new (...args: unknown[]) => Error }[] {
  const root = resolve(__dirname, '../../../..');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
  return [...files(join(root, 'src')), ...files(join(root, 'extension'))].flatMap((file) => {
    const names = [...readFileSync(file, 'utf8').matchAll(/^export class (\w+) extends \w+/gm)].map((m) => m[1]);
    if (names.length === 0) return [];
    const module = require(file) as Record<string, unknown>;
    return names
      .map((name) => ({ file: file.slice(root.length + 1), name, cls: module[name] as new (...args: unknown[]) => Error }))
      .filter(({ cls }) => typeof cls === 'function' && cls.prototype instanceof Error);
  });
}

describe('describeError covers every error class', () => {
  const classes = exportedErrorClasses().filter(({ name }) => !(name in NOT_SHOWN_IN_PANEL));
  it('finds the error classes of src/ and extension/', () => {
    expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining(['InsufficientScribblesError', 'GeometryMismatchError', 'SaveError', 'TrainingInputError']));
  });
  it.each(classes.map((c) => [c.name, c.file, c.cls] as const))('%s (%s) has its own panel message, also when it arrives from the worker', (_name, _file, cls) => {
    const error = new cls('detail', 'detail', 'detail');
    const FALLBACK = 'no message of its own';
    const direct = describeError(error, FALLBACK);
    expect(direct.title).not.toBe(FALLBACK);
    expect(direct.message).toContain(error.name === 'AbortError' ? 'cancelled' : error.message);
    expect(describeError(new WorkerRequestError(error.name, error.message), FALLBACK)).toEqual(describeError(Object.assign(new Error(error.message), { name: error.name, kind: undefined }), FALLBACK));
  });
});
