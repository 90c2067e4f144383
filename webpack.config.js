// Builds the three ES-module bundles that the prebuilt OHIF 3.13 viewer loads at run time (contract:
// docs/ohif-contract.md, facts: docs/ohif-runtime-plugins.md) into dist/plugins/:
//   ssldec-extension.js        extension/index.ts            default export = the extension object
//   ssldec-mode.js             modes/ssldec/index.ts         default export = the mode object
//   ssldec-training-worker.js  extension/worker/trainingWorker.ts  a module worker
//   ssldec-setup-worker.js     extension/worker/setupWorker.ts     a module worker the training worker starts
//   tfjs-backend-wasm*.wasm    TF.js wasm binaries the worker finds beside itself (.webpack/wasmBinaries.js)
// The worker bundle is served with its own CSP allowing blob: (TF.js's wasm thread workers; scripts/lib/securityHeaders.js).
// `import.meta.url` is left for the browser to fill in (parser.importMeta: false), and `new Worker(new URL(…))` /
// `new URL(…, import.meta.url)` are not rewritten (worker/url: false): the extension starts the worker with
// `new Worker(new URL('./ssldec-training-worker.js', import.meta.url), { type: 'module' })`, which then resolves
// beside the extension bundle at /plugins/. Browser ESM builds of TF.js are picked (webpack's default mainFields
// for web targets: browser, module, main).
const path = require('node:path');
const { root, swcRule, forbidHostPackages, nodeFallbacks } = require('./.webpack/pluginRules');
const { WasmBinariesPlugin } = require('./.webpack/wasmBinaries');

/** @param {'web'|'webworker'} target @param {Record<string,string>} entry */
function pluginConfig(name, target, entry, argv, plugins = [], minimizeOptions = undefined) {
  const production = (argv.mode ?? 'production') === 'production';
  return {
    name,
    target: ['es2020', target],
    mode: production ? 'production' : 'development',
    // Never 'eval' source maps: no eval in our bundles.
    devtool: production ? false : 'source-map',
    context: root,
    entry,
    output: {
      path: path.join(root, 'dist', 'plugins'),
      filename: '[name].js',
      chunkFilename: `${name}-[name].[contenthash:16].js`,
      publicPath: 'auto',
      module: true,
      chunkFormat: 'module',
      library: { type: 'module' },
      clean: false,
    },
    experiments: { outputModule: true },
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
      fallback: nodeFallbacks,
    },
    externals: [forbidHostPackages],
    module: {
      parser: { javascript: { importMeta: false, worker: false, url: false } },
      rules: [swcRule],
    },
    optimization: { splitChunks: false, runtimeChunk: false, ...(minimizeOptions ? { minimizeOptions } : {}) },
    performance: { hints: false },
    plugins,
    stats: 'errors-warnings',
  };
}

module.exports = (_env, argv = {}) => [
  pluginConfig(
    'ssldec-page',
    'web',
    { 'ssldec-extension': './extension/index.ts', 'ssldec-mode': './modes/ssldec/index.ts' },
    argv,
  ),
  pluginConfig('ssldec-worker', 'webworker', {
    'ssldec-training-worker': './extension/worker/trainingWorker.ts',
    'ssldec-setup-worker': './extension/worker/setupWorker.ts',
  }, argv, [
    new WasmBinariesPlugin(),
  ], {
    // TF.js's wasm threads run `factory.toString()` (the Emscripten glue) in blob: workers. Terser would turn its
    // `typeof _scriptDir !== 'undefined'` into `void 0 !== a`, true only inside the bundle where `a` exists: in the
    // thread workers it threw "ReferenceError: a is not defined". Keep typeof tests as written.
    javascript: { compress: { passes: 2, typeofs: false }, format: { preserve_annotations: true } },
  }),
];
