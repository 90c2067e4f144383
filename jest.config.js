// Jest runs TypeScript through SWC. TF.js is loaded from its ES2017 ESM build (the CommonJS build is
// ~8x slower at conv backprop, see docs/tfjs-backends.md), so SWC also transforms those packages.
const transform = {
  '^.+\\.(t|j|mj)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2020', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
  ],
};
const common = {
  transform,
  resolver: '<rootDir>/test/jestResolver.cjs',
  transformIgnorePatterns: ['/node_modules/(?!(@tensorflow|dcmjs|dicomweb-client)/)'],
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
  ],
};
