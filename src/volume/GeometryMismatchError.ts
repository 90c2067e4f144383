/**
 * Two images (volume and scribbles, volume channels, a labelmap and its source series, SEG frames and their source)
 * that should share one grid do not. One class for the whole engine, beside the Geometry it is about, so the
 * trainer (src/ssldec) and the SEG writer/reader (src/seg) throw the same thing and callers catch it once.
 * The message names the field that differs, both values, and what to do.
 */
export class GeometryMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeometryMismatchError';
  }
}
