import { stowFailures } from './stowFailures';

/** Which DICOMweb service failed. */
export type DicomWebOperation = 'QIDO-RS' | 'WADO-RS' | 'STOW-RS';

/**
 * A DICOMweb request failed. `status` is the HTTP status (0 = no answer: PACS unreachable or the connection
 * dropped); `reason` is what the PACS said (its error body, or the STOW FailureReason), when it said anything.
 */
export class DicomWebError extends Error {
  override readonly name = 'DicomWebError';
  readonly operation: DicomWebOperation;
  readonly status: number;
  readonly url: string;
  readonly reason: string;

  constructor(operation: DicomWebOperation, url: string, status: number, reason: string, hint?: string) {
    const what = status === 0 ? 'got no answer (PACS unreachable or connection dropped)' : `was refused with HTTP ${status}`;
    super(`${operation} ${url} ${what}${reason ? `: ${reason}` : ''}.${hint ? ` ${hint}` : ''}`);
    this.operation = operation;
    this.status = status;
    this.url = url;
    this.reason = reason;
  }
}

/**
 * The PACS's reason from a dicomweb-client rejection (`error.response` is text, JSON or an ArrayBuffer): STOW
 * FailureReasons, Orthanc's Message/Details, or the body's text.
 */
export function reasonOf(error: unknown): string {
  const response = (error as { response?: unknown })?.response;
  let body = '';
  if (typeof response === 'string') body = response;
  else if (response instanceof ArrayBuffer) body = new TextDecoder().decode(response);
  else if (response && typeof response === 'object') body = JSON.stringify(response);
  const failures = stowFailures(body);
  if (failures.length) return `refused ${failures.join('; ')}`;
  try {
    const json = JSON.parse(body) as { Message?: string; Details?: string; OrthancError?: string };
    const parts = [json.Message ?? json.OrthancError, json.Details].filter(Boolean);
    if (parts.length) return parts.join(' — ');
  } catch {
    /* not JSON: keep the text */
  }
  return body.trim().slice(0, 500) || (error instanceof Error && error.message !== 'request failed' ? error.message : '');
}

/** HTTP status of a dicomweb-client rejection (0 when there was no response). */
export function statusOf(error: unknown): number {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : 0;
}
