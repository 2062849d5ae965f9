// Test and benchmark helpers (not part of the runtime API): a tiny hand-built ONNX encoder, a fake encoder.
export { tinyEncoderOnnx, tinyWeights, type TinyEncoderSpec } from './onnx-builder.ts';
export { fakeEncoder, fakeVector, type FakeEncoder } from './fake-encoder.ts';
