// Forwards one allowed request to the PACS (see pacsRoute.js for which). Headers pass by allow-list both ways:
// upstream gets what DICOMweb needs plus the site headers (never the viewer's cookies, Origin, X-Forwarded-For,
// Proxy-Authorization or hop-by-hop headers); the browser gets no CORS, Set-Cookie or WWW-Authenticate (a password
// prompt on our origin) from the PACS. Bodies stream. The upstream request dies with the client, and a cut or
// silent upstream ends the client's response instead of leaving it hanging.
const http = require('node:http');
const https = require('node:https');
const { pipeline } = require('node:stream');
const { dataHeaders } = require('./securityHeaders');

const REQUEST_HEADERS = ['accept', 'accept-encoding', 'accept-language', 'content-type', 'content-length', 'range', 'if-none-match', 'if-modified-since', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-range', 'accept-ranges', 'etag', 'last-modified', 'cache-control', 'expires', 'vary'];

function pick(headers, names) {
  const out = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} target from pacsTarget
 * @param {{headers: Record<string,string>, timeoutMs: number, log: (m: string) => void}} options
 */
function forwardToPacs(req, res, target, { headers: siteHeaders, timeoutMs, log }) {
  const client = target.protocol === 'https:' ? https : http;
  const headers = { ...pick(req.headers, REQUEST_HEADERS), ...siteHeaders, host: target.host };
  const upstream = client.request(target, { method: req.method, headers, agent: false });
  const fail = (status, message) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { ...dataHeaders(), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(message);
  };
  // Idle timeout on the upstream socket: no answer, or a body that stops flowing.
  upstream.setTimeout(timeoutMs, () => upstream.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
  upstream.on('error', (e) => {
    log(`[proxy] ${req.method} ${target.pathname}: ${e.code ?? e.message}`);
    fail(e.code === 'ETIMEDOUT' ? 504 : 502, `The PACS did not answer${e.code === 'ETIMEDOUT' ? ' in time' : ''} (${e.code ?? 'error'}). Is it running? Check --pacs.`);
  });
  upstream.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, { ...pick(up.headers, RESPONSE_HEADERS), ...dataHeaders() });
    pipeline(up, res, (e) => {
      if (e) res.destroy(); // upstream cut mid-body: end the client's response too
    });
  });
  // The client left before the answer was complete: stop the upstream work (it would pile up otherwise).
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  // pipe, not pipeline: a failing upstream must not destroy the client socket before the 502 is written.
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

module.exports = { forwardToPacs };
