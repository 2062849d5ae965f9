import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkOrtBinding, createSyncSession, ORT_VERSION, ortTensor } from './binding.ts';
import { onnxModel } from './onnx-model.ts';

const require = createRequire(import.meta.url);

// The synchronous kernels depend on onnxruntime-node internals (dist/binding.js). If this file fails after an
// upgrade, re-read that file, adapt ort/binding.ts and bump ORT_VERSION; do not just loosen these tests.
describe('onnxruntime-node binding internals', () => {
  it('is the pinned version, also in the root package.json', () => {
    expect(require('onnxruntime-node/package.json').version).toBe(ORT_VERSION);
    const root = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));
    expect(root.dependencies['onnxruntime-node']).toBe(ORT_VERSION);
  });

  it('exposes binding.InferenceSession{loadModel,run,dispose} and initOrt', () => {
    expect(() => checkOrtBinding()).not.toThrow();
    const mod = require('onnxruntime-node/dist/binding.js');
    expect(typeof mod.initOrt).toBe('function');
    expect(Object.getOwnPropertyNames(mod.binding.InferenceSession.prototype)).toEqual(expect.arrayContaining(['loadModel', 'run', 'dispose']));
  });

  it('runs synchronously and writes pre-allocated outputs in place (zero copy)', () => {
    const model = onnxModel({
      nodes: [{ op: 'Gemm', inputs: ['A', 'B'], outputs: ['Y'], attrs: { transB: 1 } }],
      inputs: [{ name: 'A', shape: ['m', 'k'] }, { name: 'B', shape: ['n', 'k'] }],
      outputs: [{ name: 'Y', shape: ['m', 'n'] }],
    });
    const s = createSyncSession(model, 1);
    const Tensor = ortTensor();
    const heap = new Float32Array(32);
    heap.set([1, 2, 3, 4, 5, 6], 2); // A = [[1,2,3],[4,5,6]] at an offset, like a wasm heap view
    heap.set([1, 0, 1, 0, 1, 0], 10); // B = [[1,0,1],[0,1,0]]
    const y = heap.subarray(20, 24);
    const out = s.run(
      { A: new Tensor('float32', heap.subarray(2, 8), [2, 3]), B: new Tensor('float32', heap.subarray(10, 16), [2, 3]) },
      { Y: new Tensor('float32', y, [2, 2]) },
    );
    // Filled before any await: the native run is synchronous, and into the caller's buffer.
    expect(Array.from(y)).toEqual([4, 2, 10, 5]);
    expect(Array.from(out.Y.data as Float32Array)).toEqual([4, 2, 10, 5]);
    s.dispose();
  });
});
