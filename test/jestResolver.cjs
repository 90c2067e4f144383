// Resolve TF.js packages to their ESM entry (`module` field), like a bundler does. Their CommonJS `main` is an
// ES5 build that is ~8x slower at convolution gradients.
module.exports = (path, options) =>
  options.defaultResolver(path, {
    ...options,
    packageFilter: (pkg) => (pkg.name && pkg.name.startsWith('@tensorflow/') && pkg.module ? { ...pkg, main: pkg.module } : pkg),
  });
