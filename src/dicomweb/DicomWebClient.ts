import { api } from 'dicomweb-client';
import { text } from '../io/dicom/attributes';
import { naturalizeDicomJson, readPart10, type NaturalizedDataset } from '../io/dicom/dcmjs';
import { DicomWebError, reasonOf, statusOf, type DicomWebOperation } from './DicomWebError';
import { stowFailures } from './stowFailures';

/** Connection settings of one PACS. */
export interface DicomWebClientOptions {
  /** DICOMweb root, e.g. `http://127.0.0.1:8042/dicom-web` (no trailing slash needed). */
  root: string;
  /** Site headers sent with every request (e.g. `Authorization: Bearer …`). */
  headers?: Record<string, string>;
  /**
   * Give up on a request after this many ms without an answer (XMLHttpRequest `timeout`; in Node, xhr2 counts
   * idle time on the socket, so a slow but flowing download is not cut). None by default.
   */
  timeoutMs?: number;
}

/** Requests that ended by their timeout (the rejection itself only says status 0). */
const timedOut = new WeakSet<XMLHttpRequest>();

/** Outcome of {@link DicomWebClient.storeOnce}. */
export interface StoreResult {
  sopInstanceUID: string;
  /** False when the PACS already held this SOP instance and nothing was sent. */
  stored: boolean;
  /** STOW attempts made (0 when already present). */
  attempts: number;
}

/**
 * QIDO-RS, WADO-RS and STOW-RS against one PACS, on dicomweb-client. Every failure becomes a
 * {@link DicomWebError} carrying the HTTP status and the PACS's own reason. Results are dcmjs-naturalized.
 * In Node, call `installXmlHttpRequest()` (dicomweb/node) first.
 */
export class DicomWebClient {
  readonly root: string;
  private readonly client: api.DICOMwebClient;

  private readonly timeoutMs?: number;

  constructor(options: DicomWebClientOptions) {
    this.root = options.root.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    const timeoutMs = options.timeoutMs;
    const requestHooks = timeoutMs
      ? [(xhr: XMLHttpRequest, _metadata: unknown) => { // dicomweb-client checks that hooks take 2 arguments
          xhr.timeout = timeoutMs;
          xhr.ontimeout = () => timedOut.add(xhr);
          return xhr;
        }]
      : undefined;
    this.client = new api.DICOMwebClient({
      url: this.root, headers: options.headers ?? {}, singlepart: false, verbose: false,
      ...(requestHooks ? { requestHooks } : {}),
    } as ConstructorParameters<typeof api.DICOMwebClient>[0]);
  }

  /** QIDO-RS series search, e.g. `{ Modality: 'SEG' }` or `{ StudyInstanceUID }`. */
  async searchSeries(query: Record<string, string> = {}): Promise<NaturalizedDataset[]> {
    const found = await this.call('QIDO-RS', `${this.root}/series`, () => this.client.searchForSeries({ queryParams: query }));
    return (found as Record<string, unknown>[]).map(naturalizeDicomJson);
  }

  /** QIDO-RS instance search within a study (and series), with optional attribute filters. */
  async searchInstances(studyInstanceUID: string, seriesInstanceUID?: string, query: Record<string, string> = {}): Promise<NaturalizedDataset[]> {
    const url = `${this.root}/studies/${studyInstanceUID}/instances`;
    const found = await this.call('QIDO-RS', url, () =>
      this.client.searchForInstances({ studyInstanceUID, ...(seriesInstanceUID ? { seriesInstanceUID } : {}), queryParams: query }),
    );
    return ((found ?? []) as Record<string, unknown>[]).map(naturalizeDicomJson);
  }

  /**
   * WADO-RS series metadata, naturalized: what OHIF holds as `displaySet.instances` (no pixel data; bulk data
   * as BulkDataURI). Enough for {@link buildSegmentation}'s `sourceInstances`.
   */
  async retrieveSeriesMetadata(studyInstanceUID: string, seriesInstanceUID: string): Promise<NaturalizedDataset[]> {
    const url = `${this.root}/studies/${studyInstanceUID}/series/${seriesInstanceUID}/metadata`;
    const items = await this.call('WADO-RS', url, () =>
      this.client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID } as Parameters<api.DICOMwebClient['retrieveSeriesMetadata']>[0]),
    );
    return (items as unknown as Record<string, unknown>[]).map(naturalizeDicomJson);
  }

  /** WADO-RS: every instance of a series as Part-10 bytes (for reading it into a volume). */
  async retrieveSeries(studyInstanceUID: string, seriesInstanceUID: string): Promise<ArrayBuffer[]> {
    const url = `${this.root}/studies/${studyInstanceUID}/series/${seriesInstanceUID}`;
    return (await this.call('WADO-RS', url, () =>
      this.client.retrieveSeries({ studyInstanceUID, seriesInstanceUID } as Parameters<api.DICOMwebClient['retrieveSeries']>[0]),
    )) as ArrayBuffer[];
  }

  /** WADO-RS: one instance as Part-10 bytes. */
  async retrieveInstance(studyInstanceUID: string, seriesInstanceUID: string, sopInstanceUID: string): Promise<ArrayBuffer> {
    const url = `${this.root}/studies/${studyInstanceUID}/series/${seriesInstanceUID}/instances/${sopInstanceUID}`;
    const result = await this.call('WADO-RS', url, () =>
      this.client.retrieveInstance({ studyInstanceUID, seriesInstanceUID, sopInstanceUID } as Parameters<api.DICOMwebClient['retrieveInstance']>[0]),
    );
    return Array.isArray(result) ? (result[0] as ArrayBuffer) : (result as ArrayBuffer);
  }

  /**
   * WADO-RS frames (1-based numbers) of an instance, as stored: a BINARY SEG's frames come back bit-packed
   * (each frame's bits start at its own byte).
   */
  async retrieveFrames(studyInstanceUID: string, seriesInstanceUID: string, sopInstanceUID: string, frameNumbers: number[]): Promise<Uint8Array[]> {
    const url = `${this.root}/studies/${studyInstanceUID}/series/${seriesInstanceUID}/instances/${sopInstanceUID}/frames/${frameNumbers.join(',')}`;
    const frames = await this.call('WADO-RS', url, () =>
      this.client.retrieveInstanceFrames({
        studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: frameNumbers.join(','),
      } as Parameters<api.DICOMwebClient['retrieveInstanceFrames']>[0]),
    );
    return (frames as ArrayBuffer[]).map((f) => new Uint8Array(f));
  }

  /** True when the PACS holds this SOP instance (QIDO-RS by SOPInstanceUID within its study). */
  async hasInstance(studyInstanceUID: string, sopInstanceUID: string): Promise<boolean> {
    const found = await this.searchInstances(studyInstanceUID, undefined, { SOPInstanceUID: sopInstanceUID });
    return found.some((i) => text(i.SOPInstanceUID) === sopInstanceUID);
  }

  /**
   * STOW-RS of one Part-10 object, never twice: before each attempt the PACS is asked (QIDO) whether it already
   * holds the SOP instance — a retry after a dropped connection whose upload did land sends nothing.
   * Retries only on no answer (status 0) or 5xx, `retries` times, `retryDelayMs` apart.
   * @throws DicomWebError with the PACS's FailureReason or error text when it refuses, or status 0 when unreachable.
   */
  async storeOnce(part10: ArrayBuffer, options: { retries?: number; retryDelayMs?: number } = {}): Promise<StoreResult> {
    const { dataset } = readPart10(part10);
    const study = text(dataset.StudyInstanceUID);
    const sop = text(dataset.SOPInstanceUID);
    const retries = options.retries ?? 2;
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.hasInstance(study, sop)) return { sopInstanceUID: sop, stored: attempt > 1, attempts: attempt - 1 };
        await this.stow([part10]);
        return { sopInstanceUID: sop, stored: true, attempts: attempt };
      } catch (error) {
        const retryable = error instanceof DicomWebError && (error.status === 0 || error.status >= 500);
        if (!retryable || attempt > retries) throw error;
        await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 500));
      }
    }
  }

  /**
   * Plain STOW-RS of Part-10 objects (to `/studies`, or `/studies/<uid>` when given). Prefer {@link storeOnce}.
   * @throws DicomWebError listing the PACS's FailureReasons when it refuses any instance, even with HTTP 200/202.
   */
  async stow(part10s: ArrayBuffer[], studyInstanceUID?: string): Promise<void> {
    const url = `${this.root}/studies${studyInstanceUID ? `/${studyInstanceUID}` : ''}`;
    const response = await this.call('STOW-RS', url, () =>
      this.client.storeInstances({ datasets: part10s, ...(studyInstanceUID ? { studyInstanceUID } : {}) }),
    );
    const failures = stowFailures(response);
    if (failures.length) throw new DicomWebError('STOW-RS', url, 409, `refused ${failures.join('; ')}`);
  }

  private async call<T>(operation: DicomWebOperation, url: string, request: () => Promise<T> | T): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const status = statusOf(error);
      const request = (error as { request?: XMLHttpRequest })?.request;
      if (status === 0 && request && timedOut.has(request)) {
        throw new DicomWebError(operation, url, 0, `no answer within ${this.timeoutMs! / 1000} s (timed out)`, 'Check that the PACS is up, or raise the timeout (CLI: --timeout).');
      }
      const hint = status === 0 ? 'Check that the PACS is running and the DICOMweb root is right.' : status === 401 || status === 403 ? 'Check the site headers (authorization).' : undefined;
      throw new DicomWebError(operation, url, status, reasonOf(error), hint);
    }
  }
}
