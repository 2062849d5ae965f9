// onnxruntime-node checks `data instanceof Float32Array` against the Node realm that loaded it, while code under
// jest runs in a separate vm realm with its own typed-array constructors. Sharing the outer realm's
// constructors (and ArrayBuffer) makes typed arrays created in tests and in tfjs acceptable to ORT.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint8ClampedArray',
  'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'WebAssembly',
];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;
