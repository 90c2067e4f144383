import { existsSync, statSync } from 'node:fs';
import { DicomWebClient } from '../dicomweb/DicomWebClient';
import { installXmlHttpRequest } from '../dicomweb/node/installXmlHttpRequest';
import { isHttpUrl, parseSeriesUrl } from '../dicomweb/seriesUrl';
import { readDicomFolder } from '../io/node/readDicomFolder';
import { readDicomSeries, type DicomSource } from '../io/readDicomSeries';
import { readMgh } from '../io/readMgh';
import { readNifti } from '../io/readNifti';
import type { Volume } from '../volume/Volume';
import { namingFile, readInputFile } from './cliFiles';
import { CliError, EXIT } from './CliError';

/** The image to segment, and its DICOM provenance when it came from DICOM (needed to write a SEG). */
export interface LoadedImage {
  volume: Volume;
  dicom?: DicomSource;
  warnings: string[];
}

/** How `--image` is read. */
export interface LoadImageOptions {
  series?: string;
  headers?: Record<string, string>;
  /** Ceiling for the decoded image in bytes (`--max-image-mb`). */
  maxBytes?: number;
  /** `--volume`: which 3-D volume of a 4-D NIfTI/MGH to use (0-based), or 'all' to use each as a channel. */
  volume?: number | 'all';
  /** DICOMweb request timeout in ms. */
  timeoutMs?: number;
}

/**
 * Reads `--image`: a DICOM folder, a NIfTI or MGH file, or a DICOMweb series URL (retrieved with WADO-RS).
 * @throws CliError(INPUT) when the path does not exist, the kind is not recognised, or a 4-D file is given
 * without `--volume`.
 */
export async function loadImage(image: string, options: LoadImageOptions = {}): Promise<LoadedImage> {
  if (isHttpUrl(image)) {
    const { ref, client } = seriesUrlClient(image, options);
    const files = await client.retrieveSeries(ref.studyInstanceUID, ref.seriesInstanceUID);
    const read = namingFile('--image', image, () => readDicomSeries(files, { seriesInstanceUID: ref.seriesInstanceUID, maxBytes: options.maxBytes }));
    return { volume: read.volume, dicom: read.source, warnings: read.warnings };
  }
  if (!existsSync(image)) throw new CliError(EXIT.INPUT, `--image ${image} does not exist.`);
  if (statSync(image).isDirectory()) {
    const read = namingFile('--image', image, () => readDicomFolder(image, { seriesInstanceUID: options.series, maxBytes: options.maxBytes }));
    return { volume: read.volume, dicom: read.source, warnings: read.warnings };
  }
  const limit = { maxBytes: options.maxBytes };
  if (/\.(nii(\.gz)?|mg[hz])$/i.test(image)) {
    const bytes = readInputFile(image, '--image');
    const read = /\.mg[hz]$/i.test(image) ? readMgh : readNifti;
    return { volume: chooseVolume(namingFile('--image', image, () => read(bytes, limit)), image, options.volume), warnings: [] };
  }
  throw new CliError(
    EXIT.INPUT,
    `--image ${image}: expected a DICOM folder, a .nii/.nii.gz/.mgz file or a DICOMweb series URL.`,
  );
}

/** A DICOMweb series URL's parts, or a usage error saying the expected form. */
export function seriesRef(url: string) {
  try {
    return parseSeriesUrl(url);
  } catch (error) {
    throw new CliError(EXIT.USAGE, (error as Error).message);
  }
}

/** A DICOMweb client on a series URL's root, with the series it names (`--image` and `info` share it). */
export function seriesUrlClient(url: string, options: { headers?: Record<string, string>; timeoutMs?: number }) {
  installXmlHttpRequest();
  const ref = seriesRef(url);
  return { ref, client: new DicomWebClient({ root: ref.root, headers: options.headers, timeoutMs: options.timeoutMs }) };
}

/**
 * A 4-D file (fMRI time points, DWI directions) is not silently turned into channels: the user picks one
 * volume, or says `--volume all` to use every volume as a channel (multi-contrast stacks).
 */
function chooseVolume(volume: Volume, path: string, choice: number | 'all' | undefined): Volume {
  const count = volume.channels.length;
  if (choice === 'all') return volume;
  if (choice === undefined) {
    if (count === 1) return volume;
    throw new CliError(
      EXIT.INPUT,
      `--image ${path} holds ${count} 3-D volumes (a 4-D image such as an fMRI time series). Pass --volume N (0..${count - 1}) ` +
        'to segment one of them, or --volume all to use every volume as an input channel.',
    );
  }
  if (choice >= count) throw new CliError(EXIT.INPUT, `--volume ${choice}: --image ${path} holds ${count} volume(s), numbered 0..${count - 1}.`);
  return { ...volume, channels: [volume.channels[choice]], channelNames: undefined };
}
