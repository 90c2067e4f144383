/** A series addressed by DICOMweb: the service root plus its study and series UIDs. */
export interface DicomWebSeriesRef {
  /** DICOMweb root, e.g. `http://127.0.0.1:8042/dicom-web`. */
  root: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * Parses `<root>/studies/<study UID>/series/<series UID>` (what OHIF and most PACS show) into its parts.
 * @throws Error saying the expected form when the URL does not match.
 */
export function parseSeriesUrl(url: string): DicomWebSeriesRef {
  const match = /^(https?:\/\/.+?)\/studies\/([0-9.]+)\/series\/([0-9.]+)\/?$/.exec(url.trim());
  if (!match) {
    throw new Error(
      `"${url}" is not a DICOMweb series URL; expected http(s)://host/<root>/studies/<StudyInstanceUID>/series/<SeriesInstanceUID>.`,
    );
  }
  return { root: match[1], studyInstanceUID: match[2], seriesInstanceUID: match[3] };
}

/** True when a CLI argument looks like an HTTP(S) URL rather than a path. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
