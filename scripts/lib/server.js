// One-origin HTTP server for the viewer: the prebuilt OHIF app at `/` (SPA fallback to index.html), our generated
// `/app-config.js`, our plugin bundles at `/plugins/*`, and a proxy from `/dicom-web/*` to the PACS's DICOMweb root.
// Same origin because Orthanc sends no CORS headers and the viewer uses absolute paths (see
// docs/ohif-runtime-plugins.md). No framework: Node's http and fs are enough.
// Hardened after issue 10: the proxy forwards only DICOMweb resources (pacsRoute.js) with filtered headers
// (pacsProxy.js), callers are checked (callerChecks.js), every response carries security headers
// (securityHeaders.js), and no request can throw out of the handler.
const http = require('node:http');
const { createReadStream, existsSync, readFileSync, statSync } = require('node:fs');
const { extname, join, normalize, sep } = require('node:path');
const { parsePacsRoot, pacsTarget, PacsRootError } = require('./pacsRoute');
const { parseHeaderLines, PacsHeaderError } = require('./pacsHeaders');
const { forwardToPacs } = require('./pacsProxy');
const { allowedHosts, refuseCaller, isLoopback } = require('./callerChecks');
const { pageHeaders, trainingWorkerHeaders, TRAINING_WORKER_SCRIPT, dataHeaders, inlineScriptHashes } = require('./securityHeaders');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

class ServerConfigError extends Error {}

/** Resolves a URL path under a folder; undefined when it escapes the folder or is not a file. */
function fileUnder(folder, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(folder, decoded));
  if (path !== folder && !path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return undefined;
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

function sendText(res, status, text, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { ...dataHeaders(), 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * Starts the server.
 * @param {object} options
 * @param {string} options.viewerDir the viewer's dist folder (index.html at its top)
 * @param {string} options.pluginsDir folder served at /plugins/ (our webpack output)
 * @param {string} options.appConfig JavaScript text served at /app-config.js
 * @param {string} options.pacsRoot DICOMweb root of the PACS, e.g. http://127.0.0.1:8042/dicom-web
 * @param {Record<string,string>} [options.pacsHeaders] headers added to every proxied request (auth)
 * @param {number} [options.port] default 3000; 0 picks a free port
 * @param {string} [options.host] default 127.0.0.1 (loopback only)
 * @param {boolean} [options.behindTlsAuthProxy] allow a non-loopback host (TLS and auth are in front)
 * @param {string[]} [options.extraHosts] more accepted Host header values (the name the front end forwards)
 * @param {number} [options.upstreamTimeoutMs] idle time allowed to the PACS (default 120 s)
 * @param {(m: string) => void} [options.log]
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
async function startViewerServer(options) {
  const { viewerDir, pluginsDir, appConfig } = options;
  const log = options.log ?? ((m) => console.error(m));
  let pacsRoot;
  try {
    pacsRoot = parsePacsRoot(options.pacsRoot);
  } catch (e) {
    throw e instanceof PacsRootError ? new ServerConfigError(e.message) : e;
  }
  const pacsHeaders = options.pacsHeaders ?? {};
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.behindTlsAuthProxy) {
    throw new ServerConfigError(
      `Refusing to listen on ${host}: this server has no TLS and no login, and it relays the PACS with its credentials. ` +
        'Keep the default 127.0.0.1, or put a TLS reverse proxy with authentication in front and pass --behind-tls-auth-proxy.',
    );
  }
  if (!existsSync(join(viewerDir, 'index.html'))) {
    throw new ServerConfigError(`No viewer at ${viewerDir} (index.html missing): fetch it with scripts/lib/viewer.js`);
  }
  const indexHtml = join(viewerDir, 'index.html');
  const pages = pageHeaders(inlineScriptHashes(readFileSync(indexHtml, 'utf8')));
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 120_000;
  let hosts = new Set();

  const worker = trainingWorkerHeaders();

  const sendFile = (res, path, cacheControl, headers = pages) => {
    const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': statSync(path).size, 'cache-control': cacheControl });
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const handle = (req, res) => {
    const target = req.url ?? '';
    // Origin-form only ('/path?query'): '//x' or 'http://[/' would be read as a host by URL parsers.
    if (!target.startsWith('/') || target.startsWith('//')) {
      sendText(res, 400, 'Bad request target.');
      return;
    }
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const toPacs = path === '/dicom-web' || path.startsWith('/dicom-web/');
    const refusal = refuseCaller(req, hosts, toPacs);
    if (refusal) {
      sendText(res, refusal.status, refusal.message);
      return;
    }
    if (toPacs) {
      const route = pacsTarget(req.method, target, req.headers['content-type'], pacsRoot);
      if ('url' in route) forwardToPacs(req, res, route.url, { headers: pacsHeaders, timeoutMs: upstreamTimeoutMs, log });
      else sendText(res, route.status, route.message);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method} is not allowed here.`);
      return;
    }
    if (path === '/app-config.js') {
      res.writeHead(200, { ...pages, 'content-type': MIME['.js'], 'cache-control': 'no-store' });
      res.end(appConfig);
      return;
    }
    if (path.startsWith('/plugins/')) {
      const file = fileUnder(pluginsDir, path.slice('/plugins/'.length));
      if (file) sendFile(res, file, 'no-cache', path === `/plugins/${TRAINING_WORKER_SCRIPT}` ? worker : pages);
      else sendText(res, 404, 'No such plugin bundle: run the webpack build (npm run build).');
      return;
    }
    const file = fileUnder(viewerDir, path);
    if (file) {
      sendFile(res, file, /\.[0-9a-f]{16}\.js$|\.wasm$|\.woff2?$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // Assets with an extension that do not exist are real 404s; everything else is a client-side route.
    if (extname(path) && !path.endsWith('.html')) {
      sendText(res, 404, 'Not found.');
      return;
    }
    sendFile(res, indexHtml, 'no-cache');
  };

  const server = http.createServer((req, res) => {
    res.on('error', () => undefined); // a client gone mid-write is not our failure
    try {
      handle(req, res);
    } catch (e) {
      log(`[server] ${req.method} request failed: ${e.message}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    }
  });
  // Timeouts on the client side: slow headers, endless requests, idle sockets.
  server.headersTimeout = 20_000;
  server.requestTimeout = 300_000;
  server.setTimeout(upstreamTimeoutMs + 10_000);
  await new Promise((resolveListen, reject) => {
    server.once('error', (e) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new ServerConfigError(`Port ${options.port ?? 3000} on ${host} is in use: stop what holds it or pass --port <n>`)
          : e,
      );
    });
    server.listen(options.port ?? 3000, host, resolveListen);
  });
  const { port } = server.address();
  hosts = allowedHosts(port, host, options.extraHosts);
  const shownHost = isLoopback(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

module.exports = { startViewerServer, parseHeaderLines, ServerConfigError, PacsHeaderError };
