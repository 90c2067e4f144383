import type { Volume } from '../volume/Volume';
import { CliError, EXIT } from './CliError';
import type { LoadedImage } from './loadImage';

/** Positions within this distance (mm) count as one grid (NIfTI stores float32 geometry). */
const TOLERANCE_MM = 0.01;

/**
 * Appends the channels of further co-registered images (T1c + FLAIR, T1 + T2: a repeated `--image`) to the first
 * image's volume, which keeps its DICOM provenance, so the SEG references the first series. Every image must lie on
 * the first one's grid: the engine trains on voxel-aligned channels and does not resample.
 * @throws CliError(INPUT) naming the image and the first field that differs.
 */
export function addImageChannels(first: LoadedImage, firstPath: string, more: { path: string; image: LoadedImage }[]): LoadedImage {
  if (more.length === 0) return first;
  const base = first.volume;
  const channels = [...base.channels];
  const names: string[] = [...(base.channelNames ?? base.channels.map((_, c) => (c === 0 ? firstPath : `${firstPath}#${c + 1}`)))];
  for (const { path, image } of more) {
    const v: Volume = image.volume;
    const differs = (what: string, got: readonly number[], want: readonly number[], tol: number) => {
      if (got.length !== want.length || got.some((x, n) => Math.abs(x - want[n]) > tol)) {
        throw new CliError(EXIT.INPUT, `--image ${path}: ${what} [${got.join(', ')}] differs from the first --image ${firstPath} ` +
          `([${want.join(', ')}]). Channels must share one grid: resample ${path} onto ${firstPath} first (e.g. with ` +
          'your registration tool), or segment the images separately.');
      }
    };
    differs('dimensions', v.dimensions, base.dimensions, 0);
    differs('spacing', v.spacing, base.spacing, TOLERANCE_MM);
    differs('origin', v.origin, base.origin, TOLERANCE_MM);
    differs('direction', v.direction, base.direction, 1e-3);
    channels.push(...v.channels);
    names.push(...(v.channelNames ?? v.channels.map((_, c) => (c === 0 ? path : `${path}#${c + 1}`))));
  }
  // Modalities of mixed inputs are not one modality: leave it out so the engine scales each channel by percentiles.
  const modalities = new Set([base.modality, ...more.map((m) => m.image.volume.modality)]);
  const { modality: _m, ...rest } = base;
  const volume: Volume = { ...rest, channels, channelNames: names, ...(modalities.size === 1 && base.modality ? { modality: base.modality } : {}) };
  return { ...first, volume, warnings: [...first.warnings, ...more.flatMap((m) => m.image.warnings.map((w) => `${m.path}: ${w}`))] };
}
