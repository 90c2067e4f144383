import { number, text } from './attributes';
import type { Part10 } from './dcmjs';
import { DicomSeriesError } from './DicomSeriesError';

/** Native (uncompressed) little-endian transfer syntaxes whose pixels we can read without a codec. */
const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99']);

/** Where one instance's stored pixels are and how to read them (checked: native syntax, greyscale, all frames present). */
interface PixelLayout {
  pixels: Uint8Array;
  frameBytes: number;
  bits: 8 | 16 | 32;
  signed: boolean;
}

/**
 * Checks that an instance's pixels can be decoded and that PixelData holds every declared frame
 * (Rows x Columns x BitsAllocated x NumberOfFrames), without allocating anything: a 1 kB file claiming
 * 65535x65535 pixels is refused here, before a volume is sized from its header.
 * @param name how messages name the instance (its file, else its SOP Instance UID).
 * @throws DicomSeriesError for compressed transfer syntaxes, colour images, unsupported bit depths or truncation.
 */
export function pixelLayout(file: Part10, name?: string): PixelLayout {
  const ds = file.dataset;
  const where = name ?? `instance ${text(ds.SOPInstanceUID)}`;
  const syntax = text(file.meta.TransferSyntaxUID);
  if (!NATIVE_TRANSFER_SYNTAXES.has(syntax)) {
    throw new DicomSeriesError(
      'unsupported-transfer-syntax',
      `${where}: transfer syntax ${syntax} is compressed or big-endian; expected uncompressed little-endian ` +
        '(1.2.840.10008.1.2 or 1.2.840.10008.1.2.1). Decompress first, e.g. `dcmdjpeg` or `gdcmconv --raw`.',
    );
  }
  const samples = number(ds.SamplesPerPixel, 1);
  const bits = number(ds.BitsAllocated, 16);
  if (samples !== 1 || (bits !== 8 && bits !== 16 && bits !== 32)) {
    throw new DicomSeriesError(
      'unsupported-pixels',
      `${where}: SamplesPerPixel ${samples}, BitsAllocated ${bits}; expected a greyscale image (1 sample) with 8, 16 or 32 bits.`,
    );
  }
  const rows = number(ds.Rows, 0);
  const columns = number(ds.Columns, 0);
  const frames = number(ds.NumberOfFrames, 1);
  const frameBytes = (rows * columns * bits) / 8;
  const pixels = concatenate(ds.PixelData);
  if (pixels.length < frames * frameBytes) {
    throw new DicomSeriesError(
      'truncated',
      `${where}: PixelData has ${pixels.length} bytes but ${columns}x${rows}x${frames} pixels of ${bits} bits need ` +
        `${frames * frameBytes}. The file is truncated or its header is corrupt; re-export or remove it.`,
    );
  }
  return { pixels, frameBytes, bits, signed: number(ds.PixelRepresentation, 0) === 1 };
}

/**
 * The stored pixel values of one frame (row-major, `columns` fastest, length rows*columns) of a
 * native-encoded, single-sample image, as numbers before the modality LUT.
 * @param frameIndex 0-based frame index (0 for single-frame images).
 * @throws DicomSeriesError as {@link pixelLayout}.
 */
export function framePixels(file: Part10, frameIndex: number, name?: string): ArrayLike<number> {
  const { pixels, frameBytes, bits, signed } = pixelLayout(file, name);
  const start = frameIndex * frameBytes;
  const bytes = pixels.slice(start, start + frameBytes); // aligned copy for the typed-array view
  if (bits === 8) return signed ? new Int8Array(bytes.buffer) : bytes;
  if (bits === 16) return signed ? new Int16Array(bytes.buffer) : new Uint16Array(bytes.buffer);
  return signed ? new Int32Array(bytes.buffer) : new Uint32Array(bytes.buffer);
}

function concatenate(pixelData: unknown): Uint8Array {
  const parts = (Array.isArray(pixelData) ? pixelData : pixelData ? [pixelData] : []) as (ArrayBuffer | ArrayBufferView)[];
  const arrays = parts.map((p) => (p instanceof ArrayBuffer ? new Uint8Array(p) : new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
  if (arrays.length === 1) return arrays[0];
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}
