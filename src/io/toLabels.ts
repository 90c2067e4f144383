import { ImageFormatError } from './ImageFormatError';

/**
 * Converts decoded voxel values to labels 0..255, refusing anything else rather than silently truncating.
 * @throws ImageFormatError naming the first offending voxel.
 */
export function toLabels(values: Float32Array, format: 'NIfTI' | 'MGH'): Uint8Array {
  const labels = new Uint8Array(values.length);
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    if (!(v >= 0 && v <= 255 && Number.isInteger(v))) {
      throw new ImageFormatError(
        format,
        `voxel ${n} has value ${v}; a label image must hold integers 0..255 (0 = unlabelled, 1..K = classes). ` +
          'Remap the labels first (e.g. collapse FreeSurfer aseg labels to a few tissue classes).',
      );
    }
    labels[n] = v;
  }
  return labels;
}
