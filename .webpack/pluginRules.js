// Shared webpack settings for the SSLDEC plugin bundles (see ../webpack.config.js for why each exists).
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** TypeScript and TSX through SWC; React's automatic runtime (our own React 18 copy is bundled). */
const swcRule = {
  test: /\.[cm]?tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        target: 'es2020',
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
      },
    },
  },
};

/**
 * The host viewer owns OHIF and Cornerstone; a second runtime copy would have its own cache and segmentation state.
 * Type-only imports vanish in SWC, so any import that reaches webpack is a mistake: fail the build and say so.
 */
function forbidHostPackages({ request, context }, callback) {
  if (request && /^@(ohif|cornerstonejs)\//.test(request)) {
    callback(
      new Error(
        `${request} imported at run time from ${path.relative(root, context ?? '')}: the host viewer provides it. ` +
          "Use `import type` and reach the host's instance through servicesManager / getCornerstoneLibraries().",
      ),
    );
    return;
  }
  callback();
}

/** Node built-ins that TF.js and dcmjs mention for their Node paths; never reached in a browser. */
const nodeFallbacks = { fs: false, path: false, crypto: false, os: false, worker_threads: false, perf_hooks: false, util: false, zlib: false, stream: false, buffer: false };

module.exports = { root, swcRule, forbidHostPackages, nodeFallbacks };
