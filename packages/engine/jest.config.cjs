// The engine's tests run in an environment that shares typed arrays with the outer realm (see jest.environment.cjs).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'engine',
  testEnvironment: '<rootDir>/jest.environment.cjs',
};
