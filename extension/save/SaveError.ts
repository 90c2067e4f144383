/** Saving the SEG failed: building it (bad input) or sending it (PACS refused / unreachable). The result is kept. */
export class SaveError extends Error {
  override name = 'SaveError';
  /** HTTP status of the PACS's answer, when there was one. */
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}
