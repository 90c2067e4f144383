// Gives Node scripts the project's TypeScript readers/writers (src/io) by bundling them once with esbuild into
// .cache/node/demo-io.cjs (TF.js-free, small). Rebuilt on every call: esbuild takes well under a second, and
// this way a change in any file they import is never missed.
const { join } = require('node:path');

const SOURCES = ['src/io/readNifti.ts', 'src/io/writeDicomSeries.ts'];

/**
 * @param {string} root project root
 * @returns {{ readNifti: (bytes: Uint8Array) => import('../../src/volume/Volume').Volume,
 *   writeDicomSeries: (volume: object, options?: object) => {studyInstanceUID: string, seriesInstanceUID: string,
 *   files: ArrayBuffer[]} }}
 */
function loadDemoIo(root) {
  const out = join(root, '.cache', 'node', 'demo-io.cjs');
  const esbuild = require(require.resolve('esbuild', { paths: [root] }));
  esbuild.buildSync({
    stdin: {
      contents: SOURCES.map((s) => `export * from './${s.replace(/\.ts$/, '')}';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile: out,
    logLevel: 'error',
  });
  delete require.cache[out];
  return require(out);
}

module.exports = { loadDemoIo };
