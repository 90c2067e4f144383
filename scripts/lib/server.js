// One-origin HTTP server for the viewer: the prebuilt OHIF app at `/` (SPA fallback to index.html), our generated
// `/app-config.js`, our plugin bundles at `/plugins/*`, and a proxy from `/dicom-web/*` to the PACS's DICOMweb root.
// Same origin because Orthanc sends no CORS headers and the viewer uses absolute paths (see
// docs/ohif-runtime-plugins.md). No framework: Node's http and fs are enough.
const http = require('node:http');
const https = require('node:https');
const { createReadStream, existsSync, statSync } = require('node:fs');
const { extname, join, normalize, sep } = require('node:path');

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

/**
 * Parses `--pacs-header 'Name: value'` strings into a header object.
 * @param {string[]} lines
 * @returns {Record<string, string>}
 */
function parseHeaderLines(lines) {
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new ServerConfigError(`PACS header must look like 'Name: value', got '${line}'`);
    }
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Resolves a URL path under a folder; undefined when it escapes the folder or is not a file. */
function fileUnder(folder, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(folder, decoded));
  if (path !== folder && !path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return undefined;
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

function sendFile(res, path, cacheControl) {
  const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-length': statSync(path).size, 'cache-control': cacheControl });
  createReadStream(path).pipe(res);
}

function sendText(res, status, text, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}

/** Streams a request to the PACS (path after /dicom-web appended to its root), adding the configured headers. */
function proxyToPacs(req, res, pacsRoot, pacsHeaders, suffix) {
  const target = new URL(pacsRoot.replace(/\/+$/, '') + suffix);
  const client = target.protocol === 'https:' ? https : http;
  const headers = { ...req.headers, ...pacsHeaders, host: target.host };
  delete headers.origin;
  delete headers.referer;
  delete headers.cookie; // the viewer's cookies are not the PACS's business
  const upstream = client.request(target, { method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) {
      sendText(res, 502, `PACS at ${pacsRoot} did not answer (${e.message}). Is it running? Check --pacs.`);
    } else res.destroy(e);
  });
  req.pipe(upstream);
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
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
async function startViewerServer(options) {
  const { viewerDir, pluginsDir, appConfig, pacsRoot } = options;
  const pacsHeaders = options.pacsHeaders ?? {};
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(join(viewerDir, 'index.html'))) {
    throw new ServerConfigError(`No viewer at ${viewerDir} (index.html missing): fetch it with scripts/lib/viewer.js`);
  }
  const indexHtml = join(viewerDir, 'index.html');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/dicom-web' || path.startsWith('/dicom-web/')) {
      proxyToPacs(req, res, pacsRoot, pacsHeaders, req.url.slice('/dicom-web'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method} is only allowed under /dicom-web/`);
      return;
    }
    if (path === '/app-config.js') {
      sendText(res, 200, appConfig, MIME['.js']);
      return;
    }
    if (path.startsWith('/plugins/')) {
      const file = fileUnder(pluginsDir, path.slice('/plugins/'.length));
      if (file) sendFile(res, file, 'no-cache');
      else sendText(res, 404, `No plugin bundle ${path}: run the webpack build (npm run build)`);
      return;
    }
    const file = fileUnder(viewerDir, path);
    if (file) {
      sendFile(res, file, /\.[0-9a-f]{16}\.js$|\.wasm$|\.woff2?$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // Assets with an extension that do not exist are real 404s; everything else is a client-side route.
    if (extname(path) && !path.endsWith('.html')) {
      sendText(res, 404, `Not found: ${path}`);
      return;
    }
    sendFile(res, indexHtml, 'no-cache');
  });
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
  const shownHost = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
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

module.exports = { startViewerServer, parseHeaderLines, ServerConfigError };
