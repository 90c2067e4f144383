// Who may talk to the viewer server. Host allow-list: a hostile page that rebinds its own DNS name to 127.0.0.1
// becomes same-origin with us by name only; its requests still carry its own Host, which is refused (421).
// Writes must come from our own pages: browsers send Sec-Fetch-Site (or at least Origin) on every POST, so one
// without both comes from no browser page of ours, and a cross-site one (a "simple" text/plain POST needs no CORS
// preflight) would otherwise reach the PACS blind.

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a listen address is loopback only. */
function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127(\.[0-9]{1,3}){3}$/.test(host);
}

/**
 * The Host header values accepted on `port`: loopback names, plus the listen address and `extraHosts`
 * (names a TLS front end forwards) when those are set.
 * @returns {Set<string>}
 */
function allowedHosts(port, listenHost, extraHosts = []) {
  const names = new Set(LOOPBACK_NAMES);
  if (listenHost && !isLoopback(listenHost) && listenHost !== '0.0.0.0' && listenHost !== '::') {
    names.add(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
  }
  const hosts = new Set();
  for (const name of names) hosts.add(`${name}:${port}`.toLowerCase());
  for (const extra of extraHosts) hosts.add(extra.toLowerCase()); // as the front end sends it, with or without port
  return hosts;
}

/**
 * Checks a request's Host and, for writes and PACS reads, its Sec-Fetch-Site / Origin.
 * @param {import('node:http').IncomingMessage} req
 * @param {Set<string>} hosts from allowedHosts
 * @param {boolean} toPacs whether the request goes to the /dicom-web proxy
 * @returns {{status: number, message: string} | undefined} undefined when allowed
 */
function refuseCaller(req, hosts, toPacs) {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 421, message: 'This server answers only to its own address (Host header not allowed).' };
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const sameOrigin = origin === undefined || origin === `http://${host}` || origin === `https://${host}`;
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (site !== undefined && site !== 'same-origin' && !(site === 'none' && !write)) {
    if (write || toPacs) return { status: 403, message: `Requests from other sites are refused (Sec-Fetch-Site: ${site}).` };
  }
  if (!sameOrigin && (write || toPacs)) return { status: 403, message: 'Requests from other origins are refused.' };
  if (write && site === undefined && origin === undefined) {
    return { status: 403, message: 'Writes need a same-origin browser request (no Origin or Sec-Fetch-Site header).' };
  }
  return undefined;
}

module.exports = { allowedHosts, refuseCaller, isLoopback };
