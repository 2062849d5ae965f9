// onnxruntime (the engine's default backend) needs the outer realm's typed arrays under jest: the engine's environment.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'sccdcg',
  testEnvironment: '<rootDir>/../../packages/engine/jest.environment.cjs',
};
