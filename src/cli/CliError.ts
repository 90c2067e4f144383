/** Exit statuses of `ssldec` (stable: scripts may test them). */
export const EXIT = {
  OK: 0,
  /** A bug or an unexpected failure. */
  INTERNAL: 1,
  /** Bad or missing arguments: usage was printed. */
  USAGE: 2,
  /** An input could not be read or does not fit (format, size, geometry, classes, content), or an output cannot be written. */
  INPUT: 3,
  /** Training or prediction failed. */
  TRAINING: 4,
  /** The result was written but the PACS did not store it. */
  PACS: 5,
  /** Interrupted (Ctrl-C): training stopped cleanly, nothing written. 128 + SIGINT, as shells report it. */
  CANCELLED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports as one message and a specific exit code (no stack trace). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}
