import { existsSync, readFileSync, statSync } from 'node:fs';
import { DicomWebClient } from '../dicomweb/DicomWebClient';
import { installXmlHttpRequest } from '../dicomweb/node/installXmlHttpRequest';
import { isHttpUrl, parseSeriesUrl } from '../dicomweb/seriesUrl';
import { readDicomFolder } from '../io/node/readDicomFolder';
import { readDicomSeries, type DicomSource } from '../io/readDicomSeries';
import { readMgh } from '../io/readMgh';
import { readNifti } from '../io/readNifti';
import type { Volume } from '../volume/Volume';
import { CliError, EXIT } from './CliError';

/** The image to segment, and its DICOM provenance when it came from DICOM (needed to write a SEG). */
export interface LoadedImage {
  volume: Volume;
  dicom?: DicomSource;
  warnings: string[];
}

/**
 * Reads `--image`: a DICOM folder, a NIfTI or MGH file, or a DICOMweb series URL (retrieved with WADO-RS).
 * @throws CliError(INPUT) when the path does not exist or the kind is not recognised.
 */
export async function loadImage(image: string, options: { series?: string; headers?: Record<string, string> }): Promise<LoadedImage> {
  if (isHttpUrl(image)) {
    installXmlHttpRequest();
    const ref = parseSeriesUrl(image);
    const client = new DicomWebClient({ root: ref.root, headers: options.headers });
    const files = await client.retrieveSeries(ref.studyInstanceUID, ref.seriesInstanceUID);
    const read = readDicomSeries(files, { seriesInstanceUID: ref.seriesInstanceUID });
    return { volume: read.volume, dicom: read.source, warnings: read.warnings };
  }
  if (!existsSync(image)) throw new CliError(EXIT.INPUT, `--image ${image} does not exist.`);
  if (statSync(image).isDirectory()) {
    const read = readDicomFolder(image, { seriesInstanceUID: options.series });
    return { volume: read.volume, dicom: read.source, warnings: read.warnings };
  }
  if (/\.nii(\.gz)?$/i.test(image)) return { volume: readNifti(readFileSync(image)), warnings: [] };
  if (/\.mg[hz]$/i.test(image)) return { volume: readMgh(readFileSync(image)), warnings: [] };
  throw new CliError(
    EXIT.INPUT,
    `--image ${image}: expected a DICOM folder, a .nii/.nii.gz/.mgz file or a DICOMweb series URL.`,
  );
}
