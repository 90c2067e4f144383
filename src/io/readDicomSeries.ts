import type { Volume } from '../volume/Volume';
import { text } from './dicom/attributes';
import type { NaturalizedDataset } from './dicom/dcmjs';
import { DicomSeriesError } from './dicom/DicomSeriesError';
import { framePixels, pixelLayout } from './dicom/framePixels';
import { groupBySeries, parseDicomFiles, type ParsedDicomFile } from './dicom/parseDicomFiles';
import { sliceGeometry, type SliceGap } from './dicom/sliceGeometry';
import { framesOf, isImageInstance, isNonImageSopClass, type SourceFrame } from './dicom/sourceFrames';
import { DEFAULT_MAX_IMAGE_BYTES, overCeilingMessage } from './sizeLimit';

/** Where a volume came from: what a DICOM-SEG written on its grid must reference. */
export interface DicomSource {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  modality: string;
  seriesDescription: string;
  /** Naturalized metadata of every source instance (PixelData removed), in the order given. */
  instances: NaturalizedDataset[];
  /** The source frame of each slice k (undefined for a missing slice). */
  slices: (SourceFrame | undefined)[];
  /** Runs of missing slices (zero-filled in the volume); empty for a complete series. */
  gaps: SliceGap[];
}

/** A DICOM image series as an engine volume, with its provenance and any non-fatal problems. */
export interface DicomVolume {
  volume: Volume;
  source: DicomSource;
  /** Problems that left the volume usable (missing slices, non-DICOM files skipped, other series ignored). */
  warnings: string[];
}

/** Options of {@link readDicomSeries}. */
export interface ReadDicomSeriesOptions {
  /** Which series to read when the files hold several image series. */
  seriesInstanceUID?: string;
  /** Names of the buffers (file paths), so messages can name a damaged or duplicated file. */
  fileNames?: string[];
  /** Ceiling in bytes for the decoded volume (float32); default {@link DEFAULT_MAX_IMAGE_BYTES}. */
  maxBytes?: number;
}

/**
 * Reads DICOM Part-10 files (any order; single-frame slices or enhanced multi-frame instances) into a
 * Volume on the series' grid (see {@link sliceGeometry}): voxel values are real-world values (Rescale
 * Slope/Intercept applied). Runs in a browser worker or Node: file-system access lives in
 * `node/readDicomFolder.ts`.
 * Every file's pixel data and the grid's size are checked before the volume is allocated.
 * @throws DicomSeriesError when no image series is present, several are and none was chosen, the series
 * cannot form one regular volume, a file is truncated, or the volume would exceed the ceiling.
 */
export function readDicomSeries(buffers: ArrayBuffer[], options: ReadDicomSeriesOptions = {}): DicomVolume {
  const { files, notDicom } = parseDicomFiles(buffers);
  const names = options.fileNames;
  const warnings: string[] = [];
  if (notDicom.length) {
    const listed = names ? `: ${notDicom.slice(0, 5).map((n) => names[n]).join(', ')}${notDicom.length > 5 ? ', …' : ''}` : '';
    warnings.push(`${notDicom.length} file(s) are not DICOM Part 10 and were skipped${listed}.`);
  }
  if (files.length === 0) {
    throw new DicomSeriesError('not-dicom', `none of the ${buffers.length} file(s) is DICOM Part 10 (no "DICM" after the 128-byte preamble).`);
  }
  const series = chooseSeries(groupBySeries(files), options.seriesInstanceUID, warnings);
  refuseDamaged(files, series, names);
  const instances = series.map((f) => f.dataset);
  const fileOf = (n: number) => names?.[series[n].fileIndex];
  const frames = instances.flatMap((instance, n) => framesOf(instance, n).map((f) => ({ ...f, file: fileOf(n) })));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const layout = sliceGeometry(frames, maxBytes);
  warnings.push(...layout.warnings);
  const [columns, rows] = layout.geometry.dimensions;
  const sliceVoxels = columns * rows;
  // Declared sizes against each file first (the most specific message), then the grid against the ceiling.
  series.forEach((file, n) => pixelLayout(file, fileOf(n)));
  if (sliceVoxels * layout.slices.length * 4 > maxBytes) {
    throw new DicomSeriesError('too-large', overCeilingMessage(`a ${columns}x${rows}x${layout.slices.length} volume`, sliceVoxels * layout.slices.length * 4, maxBytes));
  }
  const values = new Float32Array(sliceVoxels * layout.slices.length);
  layout.slices.forEach((frame, k) => {
    if (!frame) return;
    const stored = framePixels(series[frame.instanceIndex], (frame.frameNumber ?? 1) - 1, frame.file);
    const offset = k * sliceVoxels;
    for (let n = 0; n < sliceVoxels; n++) values[offset + n] = stored[n] * frame.rescaleSlope + frame.rescaleIntercept;
  });
  const first = instances[0];
  return {
    volume: { ...layout.geometry, channels: [values], ...(text(first.Modality) ? { modality: text(first.Modality) } : {}) },
    source: {
      studyInstanceUID: text(first.StudyInstanceUID),
      seriesInstanceUID: text(first.SeriesInstanceUID),
      frameOfReferenceUID: text(first.FrameOfReferenceUID),
      modality: text(first.Modality),
      seriesDescription: text(first.SeriesDescription),
      instances: instances.map(withoutPixels),
      slices: layout.slices,
      gaps: layout.gaps,
    },
    warnings,
  };
}

function chooseSeries(groups: Map<string, ParsedDicomFile[]>, wanted: string | undefined, warnings: string[]): ParsedDicomFile[] {
  const images = [...groups].filter(([, files]) => files.some((f) => isImageInstance(f.dataset)));
  if (wanted !== undefined) {
    const chosen = images.find(([uid]) => uid === wanted);
    if (!chosen) {
      throw new DicomSeriesError(
        'no-image-series',
        `series ${wanted} is not among the image series found: ${images.map(([uid]) => uid).join(', ') || 'none'}.`,
      );
    }
    return chosen[1].filter((f) => isImageInstance(f.dataset));
  }
  if (images.length === 0) {
    const classes = [...new Set([...groups.values()].flat().map((f) => `${text(f.dataset.Modality)} ${text(f.dataset.SOPClassUID)}`))];
    throw new DicomSeriesError(
      'not-an-image',
      `no image series found; the files are ${classes.join(', ')}. Expected CT, MR or another image series ` +
        '(a SEG or SR cannot be the image to segment).',
    );
  }
  if (images.length > 1) {
    throw new DicomSeriesError(
      'several-series',
      `the files hold ${images.length} image series: ` +
        images.map(([uid, f]) => `${uid} (${text(f[0].dataset.SeriesDescription) || 'no description'}, ${f.length} files)`).join('; ') +
        '. Choose one with seriesInstanceUID (CLI: --series).',
    );
  }
  const skipped = [...groups.values()].flat().length - images[0][1].length;
  if (skipped) warnings.push(`${skipped} non-image file(s) (SEG, SR, …) were ignored.`);
  return images[0][1].filter((f) => isImageInstance(f.dataset));
}

/**
 * A file of the chosen series whose SOP class is an image but which has no Rows, Columns or PixelData was cut
 * short (dcmjs reads what is there): name it rather than silently leaving its slice out.
 */
function refuseDamaged(files: ParsedDicomFile[], series: ParsedDicomFile[], names: string[] | undefined): void {
  const uid = text(series[0].dataset.SeriesInstanceUID);
  const damaged = files.find(
    (f) => text(f.dataset.SeriesInstanceUID) === uid && !isNonImageSopClass(f.dataset) && (!isImageInstance(f.dataset) || f.dataset.PixelData === undefined),
  );
  if (!damaged) return;
  const name = names?.[damaged.fileIndex] ?? `instance ${text(damaged.dataset.SOPInstanceUID)}`;
  const position = Array.isArray(damaged.dataset.ImagePositionPatient) ? ` at position [${damaged.dataset.ImagePositionPatient.join(', ')}]` : '';
  throw new DicomSeriesError(
    'truncated',
    `${name}${position} belongs to the series but has no ${isImageInstance(damaged.dataset) ? 'PixelData' : 'Rows/Columns/PixelData'}: ` +
      'the file is truncated or damaged. Re-export it, or remove it to read the series without that slice.',
  );
}

function withoutPixels(instance: NaturalizedDataset): NaturalizedDataset {
  const { PixelData: _pixels, ...rest } = instance;
  return rest;
}
