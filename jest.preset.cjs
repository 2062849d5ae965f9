// Shared jest settings: TypeScript through SWC (no type-check here; `typecheck` does that), native ESM, and a node
// environment whose typed arrays are the outer realm's (jest.environment.cjs), so onnxruntime accepts them in every
// project that reaches the engine (methods, the runner's convention tests), not only in the engine's own.
const { join } = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: join(__dirname, 'jest.environment.cjs'),
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testTimeout: 60000,
};
