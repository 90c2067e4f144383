// Which requests the /dicom-web proxy forwards, and where to. Only what OHIF and the extension use: GET/HEAD of
// QIDO-RS and WADO-RS resources (metadata, instances, frames, bulk data, rendered) and STOW-RS POSTs of
// multipart/related. The upstream path is rebuilt from segments that each match a strict grammar (UIDs are digits
// and dots), never from the client's raw target: Orthanc decodes %2f, %5c and %2e before resolving `..`, so any
// forwarded raw text could leave the DICOMweb root and reach its full REST API (issue 10).

class PacsRootError extends Error {}

const UID = /^[0-9]+(\.[0-9]+)*$/; // PS3.5 9.1: digits and dots, at most 64 characters
const FRAME_LIST = /^[1-9][0-9]{0,5}(,[1-9][0-9]{0,5}){0,99}$/;
const BULK_SEGMENT = /^([0-9A-Fa-f]{8}|[0-9]{1,6})$/; // a tag or an item index of a bulk data path
const isUid = (s) => s !== undefined && s.length <= 64 && UID.test(s);

/**
 * Parses a PACS DICOMweb root (`--pacs`): http(s), no credentials, query or fragment. Its path (possibly empty) is
 * the prefix every forwarded path must stay under.
 * @returns {{origin: string, path: string, protocol: string}}
 */
function parsePacsRoot(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new PacsRootError(`--pacs must be an http(s) URL of a DICOMweb root, got '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PacsRootError(`--pacs must be http or https, got ${url.protocol}`);
  if (url.username || url.password) throw new PacsRootError('--pacs must not contain credentials: pass them with --pacs-header');
  if (url.search || url.hash) throw new PacsRootError('--pacs must be a DICOMweb root without query or fragment');
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, ''), protocol: url.protocol };
}

/** Whether decoded segments (after `/dicom-web/`) name a readable DICOMweb resource. */
function isReadable(s) {
  const [top, study, level, series, sub, instance, part, ...rest] = s;
  if (s.length === 1) return top === 'studies' || top === 'series' || top === 'instances'; // QIDO-RS searches
  if (top !== 'studies' || !isUid(study)) return false;
  if (s.length === 2) return true;
  if (s.length === 3) return ['metadata', 'rendered', 'series', 'instances'].includes(level);
  if (level !== 'series' || !isUid(series)) return false;
  if (s.length === 4) return true;
  if (s.length === 5) return ['metadata', 'rendered', 'instances'].includes(sub);
  if (sub !== 'instances' || !isUid(instance)) return false;
  if (s.length === 6) return true;
  if (s.length === 7) return part === 'metadata' || part === 'rendered';
  if (part === 'frames') return FRAME_LIST.test(rest[0]) && (rest.length === 1 || (rest.length === 2 && rest[1] === 'rendered'));
  return part === 'bulk' && rest.length <= 16 && rest.every((b) => BULK_SEGMENT.test(b));
}

/**
 * The upstream URL for a request under /dicom-web, or why it is refused.
 * @param {string} method
 * @param {string} rawTarget the request target as received (`/dicom-web/...?...`)
 * @param {string|undefined} contentType
 * @param {{origin: string, path: string}} root from parsePacsRoot
 * @returns {{url: URL} | {status: number, message: string}}
 */
function pacsTarget(method, rawTarget, contentType, root) {
  const q = rawTarget.indexOf('?');
  const rawPath = q < 0 ? rawTarget : rawTarget.slice(0, q);
  const rawQuery = q < 0 ? '' : rawTarget.slice(q + 1);
  const refused = { status: 403, message: 'Only DICOMweb study, series and instance requests are forwarded to the PACS.' };
  if (!rawPath.startsWith('/dicom-web/')) return refused;
  let segments;
  try {
    segments = rawPath.slice('/dicom-web/'.length).split('/').map(decodeURIComponent);
  } catch {
    return { status: 400, message: 'Malformed percent-encoding in the request path.' };
  }
  if (method === 'GET' || method === 'HEAD') {
    if (!isReadable(segments)) return refused;
  } else if (method === 'POST') {
    const stow = segments[0] === 'studies' && (segments.length === 1 || (segments.length === 2 && isUid(segments[1])));
    if (!stow) return refused;
    if (!/^multipart\/related\s*(;|$)/i.test(contentType ?? '')) {
      return { status: 415, message: 'STOW-RS needs Content-Type: multipart/related.' };
    }
  } else {
    return refused;
  }
  const url = new URL(root.origin);
  url.pathname = `${root.path}/${segments.map(encodeURIComponent).join('/')}`;
  url.search = new URLSearchParams(rawQuery).toString();
  // Belt and braces: whatever the grammar lets through must still land under the configured root.
  if (url.origin !== root.origin || !url.pathname.startsWith(`${root.path}/`) || url.pathname.includes('/../')) return refused;
  return { url };
}

module.exports = { parsePacsRoot, pacsTarget, PacsRootError };
