// ORT (the ONNX encoder, and the engine's wasm-ort kernels under USE-lite) rejects typed arrays from jest's vm
// realm; the engine's test environment shares the outer realm's constructors, and is reused here.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'text-encoder',
  testEnvironment: '<rootDir>/../engine/jest.environment.cjs',
};
