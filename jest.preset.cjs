// Shared jest settings: TypeScript through SWC (no type-check here; `typecheck` does that; jest.transform.cjs adds a
// prologue that keeps numeric loops at plain-node speed), native ESM, and a node
// environment whose typed arrays are the outer realm's (jest.environment.cjs), so onnxruntime accepts them in every
// project that reaches the engine (methods, the runner's convention tests), not only in the engine's own.
const { join } = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: join(__dirname, 'jest.environment.cjs'),
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '/node_modules/@tensorflow/.+\\.js$': [join(__dirname, 'jest.transform.cjs'), { prologueOnly: true }],
    '^.+\\.ts$': [join(__dirname, 'jest.transform.cjs'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // tfjs' bundles get the prologue too (jest.transform.cjs): their JS kernels and dispatch run in the vm context.
  transformIgnorePatterns: ['/node_modules/(?!@tensorflow/)'],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testTimeout: 60000,
};
