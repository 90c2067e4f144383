// Response headers that keep our pages and the PACS's answers to themselves.
// - The viewer pages get a Content-Security-Policy the prebuilt OHIF runs under: scripts from our origin only (its
//   two inline scripts by hash; no other inline script, no foreign script), 'wasm-unsafe-eval' to compile
//   WebAssembly (codecs, TF.js wasm), blob: workers, data:/blob: images; no framing, no plugins, no foreign
//   connections. 'unsafe-eval' too, reluctantly: OHIF 3.13 loads a DICOM-SEG through ndarray, whose
//   compileConstructor builds code with `new Function`; without it the saved SEG never displays (seen in the e2e).
//   Our own code has no eval; the policy still stops injected and foreign scripts, the common XSS routes.
// - Cross-origin isolation (COOP same-origin + COEP require-corp) so that TF.js wasm threads get SharedArrayBuffer;
//   everything the viewer loads is same-origin, so require-corp costs nothing.
// - The training worker's script gets its own, narrower CSP (a worker runs under its script's policy, and the
//   workers it makes from blob: URLs inherit it): TF.js's wasm threads are blob: workers that importScripts() a
//   blob: script, so that one policy allows blob: scripts; the pages' script-src never does.
// - PACS answers and our error texts get a sandboxing CSP: a DICOM object served as HTML runs nothing.
const { createHash } = require('node:crypto');

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer', // study UIDs in our URLs are patient data
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** sha256 CSP sources of the inline <script> blocks of an HTML page (OHIF's index.html has two). */
function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Headers of the viewer's pages and files (also worker scripts: a worker runs under its script's CSP). */
function pageHeaders(scriptHashes = []) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'", // React and OHIF set inline styles; styles run no code
    "connect-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { ...COMMON, 'content-security-policy': csp };
}

/** The training worker bundle (webpack.config.js entry, extension/worker/createTrainingWorker.ts). */
const TRAINING_WORKER_SCRIPT = 'ssldec-training-worker.js';

/**
 * Headers of the training worker's script: no eval, no inline code; its own files (chunks, .wasm) and blob: for
 * TF.js's wasm thread workers and the glue they import (extension/worker/wasmThreading.ts).
 */
function trainingWorkerHeaders() {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' blob:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return { ...COMMON, 'content-security-policy': csp };
}

/** Headers of PACS answers and our plain-text messages. */
function dataHeaders() {
  return { ...COMMON, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox" };
}

module.exports = { pageHeaders, trainingWorkerHeaders, TRAINING_WORKER_SCRIPT, dataHeaders, inlineScriptHashes };
