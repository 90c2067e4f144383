/** Meanings of common STOW-RS FailureReason (0008,1197) values (PS3.18 Table I.2-1, PS3.4 status codes). */
const FAILURE_REASONS: Record<number, string> = {
  0x0110: 'processing failure',
  0x0122: 'SOP class not supported',
  0x0124: 'not authorized',
  0xa700: 'out of resources',
  0xa900: 'data set does not match SOP class',
  0xc000: 'cannot understand',
  0xc122: 'referenced transfer syntax not supported',
};

type DicomJson = Record<string, { Value?: unknown[] } | undefined>;

/**
 * The failures a STOW-RS answer lists in FailedSOPSequence (0008,1198), in words
 * ("1.2.3 (CT Image Storage 1.2.840…): FailureReason 0xA900 data set does not match SOP class"), or []
 * when the body is not DICOM JSON or lists none.
 */
export function stowFailures(body: unknown): string[] {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch {
      return [];
    }
  }
  const failed = ((json as DicomJson | undefined)?.['00081198']?.Value ?? []) as DicomJson[];
  return failed.map((item) => {
    const sop = String(item['00081155']?.Value?.[0] ?? '?');
    const reason = Number(item['00081197']?.Value?.[0]);
    const hex = Number.isFinite(reason) ? `0x${reason.toString(16).toUpperCase().padStart(4, '0')}` : '?';
    return `${sop}: FailureReason ${hex}${FAILURE_REASONS[reason] ? ` ${FAILURE_REASONS[reason]}` : ''}`;
  });
}
