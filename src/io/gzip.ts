import { Gunzip, gzipSync } from 'fflate';
import { ImageFormatError } from './ImageFormatError';
import { DEFAULT_MAX_IMAGE_BYTES, mib } from './sizeLimit';

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Compressed input is fed in slices this big, so inflating stops at most ~1 MiB (deflate's ~1000:1) past the ceiling. */
const INPUT_SLICE = 1024;

/**
 * The bytes themselves, or their decompressed content when they are gzip (`.nii.gz`, `.mgz`). Inflating stops
 * as soon as the output passes `maxBytes` (a 200 kB file may inflate to gigabytes).
 * @throws ImageFormatError naming `format` for damaged or truncated gzip data, or output past the ceiling.
 */
export function gunzipIfNeeded(bytes: Uint8Array, format: 'NIfTI' | 'MGH' = 'NIfTI', maxBytes = DEFAULT_MAX_IMAGE_BYTES): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Gunzip((chunk, final) => {
    chunks.push(chunk);
    total += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < bytes.length; at += INPUT_SLICE) {
      const last = at + INPUT_SLICE >= bytes.length;
      inflater.push(bytes.subarray(at, at + INPUT_SLICE), last);
      if (total > maxBytes) {
        throw new ImageFormatError(
          format,
          `the gzip data inflates past the ${mib(maxBytes)} ceiling for one image (stopped after ${mib(total)} from a ` +
            `${mib(bytes.length)} file). The file is damaged or hostile, or genuinely that large: then raise the ceiling (CLI: --max-image-mb).`,
        );
      }
    }
  } catch (error) {
    if (error instanceof ImageFormatError) throw error;
    const eof = /unexpected EOF/i.test((error as Error).message);
    throw new ImageFormatError(
      format,
      eof ? 'the gzip data ends early (unexpected end of file). The file is truncated; re-export or re-copy it.'
        : `the gzip data is damaged (${(error as Error).message}). Re-export or re-copy the file.`,
    );
  }
  if (!ended) throw new ImageFormatError(format, 'the gzip data ends early (unexpected end of file). The file is truncated; re-export or re-copy it.');
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Gzip with a fast level: volumes are large and mostly compress well at level 6 already. */
export function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 6 });
}

/** Accepts what `fs.readFileSync`, `fetch().arrayBuffer()` and `File.arrayBuffer()` give. */
export function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}
