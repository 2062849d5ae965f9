import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';
import { densify, float32Now, readNow, toMatrix } from './tensors.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('tensors', () => {
  it('readNow gives the values dataSync gives, without a copy on wasm', () => {
    const t = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor2d([1, 0, 0, 1, 1, 1], [3, 2])));
    const view = readNow(t);
    expect(Array.from(view)).toEqual(Array.from(t.dataSync()));
    expect(view.buffer.byteLength).toBeGreaterThan(view.byteLength); // a window on the wasm heap, not a copy
    expect(() => readNow(tf.tensor1d([1], 'int32'))).toThrow(/float32/);
    expect(float32Now(t).buffer).toBe(view.buffer); // float32: the same heap view
    const ints = tf.tensor1d([3, -1], 'int32');
    expect(Array.from(float32Now(ints))).toEqual([3, -1]); // other dtypes: a float32 copy
    tf.dispose([t, ints]);
  });

  it('densify and toMatrix move CSR and tensors into dense row-major arrays', () => {
    const d = densify({ rows: 2, cols: 3, indptr: Int32Array.of(0, 1, 3), indices: Int32Array.of(2, 0, 1), data: Float32Array.of(5, 6, 7) });
    expect(Array.from(d)).toEqual([0, 0, 5, 6, 7, 0]);
    const m = toMatrix(tf.tensor2d(d, [2, 3]));
    expect([m.rows, m.cols, Array.from(m.data)]).toEqual([2, 3, [0, 0, 5, 6, 7, 0]]);
  });
});
