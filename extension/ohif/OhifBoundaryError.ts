/**
 * Errors at the OHIF boundary: what the viewer holds does not fit what training or saving needs.
 * Each message says what, expected, got, and what to do.
 */
export class OhifBoundaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The active viewport shows something that is not a regular image volume (no series, mixed sizes, a SEG, ...). */
export class NotAnImageVolumeError extends OhifBoundaryError {}

/** The host lacks something we need (no active viewport, no Cornerstone utility module, no data source). */
export class ViewerNotReadyError extends OhifBoundaryError {}
