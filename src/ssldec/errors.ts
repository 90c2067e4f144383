/**
 * Typed errors of the engine boundary. Each message says what was wrong, what was expected, what was got and
 * what to do. The caller's volume and scribbles are never modified when one is thrown.
 */

/** Base class: every engine error except GeometryMismatchError (src/volume, shared with src/seg) is an SsldecError. */
export class SsldecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Too few scribbles to train: none at all, or fewer than two classes scribbled. */
export class InsufficientScribblesError extends SsldecError {
  constructor(message: string, readonly scribbledClasses: number[]) {
    super(message);
  }
}

/** Volume and labelmap (or volume channels) do not share one grid. Shared with src/seg, so not an SsldecError. */
export { GeometryMismatchError } from '../volume/GeometryMismatchError';

/** Volume that cannot be trained on: empty, constant, NaN/infinite voxels, wrong channel length. */
export class InvalidVolumeError extends SsldecError {}

/** A model does not fit the data or options: class list or input channels differ. */
export class ModelMismatchError extends SsldecError {}

/** A backend name that is unknown, or that failed to start here. */
export class UnknownBackendError extends SsldecError {}

/** A saved model artefact that cannot be read (wrong magic, version or layout). */
export class ModelFormatError extends SsldecError {}

/**
 * Training or inference stopped through an AbortSignal. Named 'AbortError' like the DOM's, so
 * `err.name === 'AbortError'` checks work.
 */
export class TrainingCancelledError extends SsldecError {
  constructor(message = 'SSLDEC run cancelled by its AbortSignal; no tensors are left allocated.') {
    super(message);
    this.name = 'AbortError';
  }
}

/** The GPU device was lost mid-run (driver reset, tab backgrounded); retry, or choose backend 'cpu'. */
export class DeviceLostError extends SsldecError {}
