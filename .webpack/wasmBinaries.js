// Ships TF.js's wasm binaries beside the worker bundle in dist/plugins/: the worker points setWasmPaths at its own
// folder (/plugins/), so `--backend wasm` and the automatic wasm choice work without copying files by hand.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

class WasmBinariesPlugin {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    compiler.hooks.thisCompilation.tap('WasmBinariesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'WasmBinariesPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const file of WASM_FILES) compilation.emitAsset(file, new RawSource(readFileSync(path.join(dist, file))));
        },
      );
    });
  }
}

module.exports = { WasmBinariesPlugin, WASM_FILES };
