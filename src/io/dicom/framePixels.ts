import { number, text } from './attributes';
import type { Part10 } from './dcmjs';
import { DicomSeriesError } from './DicomSeriesError';

/** Native (uncompressed) little-endian transfer syntaxes whose pixels we can read without a codec. */
const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99']);

/**
 * The stored pixel values of one frame (row-major, `columns` fastest, length rows*columns) of a
 * native-encoded, single-sample image, as numbers before the modality LUT.
 * @param frameIndex 0-based frame index (0 for single-frame images).
 * @throws DicomSeriesError for compressed transfer syntaxes, colour images or unsupported bit depths.
 */
export function framePixels(file: Part10, frameIndex: number): ArrayLike<number> {
  const ds = file.dataset;
  const where = `instance ${text(ds.SOPInstanceUID)}`;
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
  if (samples !== 1 || ![8, 16, 32].includes(bits)) {
    throw new DicomSeriesError(
      'unsupported-pixels',
      `${where}: SamplesPerPixel ${samples}, BitsAllocated ${bits}; expected a greyscale image (1 sample) with 8, 16 or 32 bits.`,
    );
  }
  const rows = number(ds.Rows, 0);
  const columns = number(ds.Columns, 0);
  const frameBytes = (rows * columns * bits) / 8;
  const pixels = concatenate(ds.PixelData);
  const start = frameIndex * frameBytes;
  if (pixels.length < start + frameBytes) {
    throw new DicomSeriesError(
      'unsupported-pixels',
      `${where}: PixelData has ${pixels.length} bytes; frame ${frameIndex + 1} needs bytes ${start}..${start + frameBytes}. The file is truncated.`,
    );
  }
  const bytes = pixels.slice(start, start + frameBytes); // aligned copy for the typed-array view
  const signed = number(ds.PixelRepresentation, 0) === 1;
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
