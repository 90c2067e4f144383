/**
 * The most memory one image may take once decoded (float32 voxels, all channels), unless the caller sets
 * another ceiling. Headers are checked against it before anything is allocated, so a corrupt or hostile header
 * (65535x65535 pixels in a 1 kB file, a 2e6 mm slice gap, a gzip bomb) is refused instead of exhausting memory.
 */
export const DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 ** 3;

/** Reader option shared by the NIfTI, MGH and DICOM readers. */
export interface SizeLimitOptions {
  /** Ceiling in bytes for the decoded image (and for a compressed file's inflated size). */
  maxBytes?: number;
}

/** Bytes in whole MiB for messages. */
export function mib(bytes: number): string {
  const m = bytes / 1024 ** 2;
  return `${m < 10 ? Math.ceil(m * 10) / 10 : Math.ceil(m)} MiB`;
}

/**
 * The sentence that explains a refusal for size: what the header asks for, the ceiling, and what to do.
 * Used by each reader inside its own error type.
 */
export function overCeilingMessage(what: string, bytes: number, maxBytes: number): string {
  return (
    `${what} needs ${mib(bytes)}, over the ${mib(maxBytes)} ceiling for one image. The header is corrupt, or the ` +
    'image is genuinely that large: then raise the ceiling (CLI: --max-image-mb).'
  );
}
