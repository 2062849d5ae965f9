import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('wasm kernel fixes', () => {
  it('Identity and a same-dtype Cast share the data; the copy outlives the original', () => {
    const a = tf.tensor1d([1.5, -2, 3]);
    const clone = tf.clone(a);
    const cast = tf.cast(a, 'float32');
    expect(clone.dataId).toBe(a.dataId);
    expect(cast.dataId).toBe(a.dataId);
    a.dispose();
    expect(Array.from(cast.dataSync())).toEqual([1.5, -2, 3]);
    expect(Array.from(clone.dataSync())).toEqual([1.5, -2, 3]);
    tf.dispose([clone, cast]);
  });

  it('a Cast that changes the dtype still converts (wasm kernel)', () => {
    const a = tf.tensor1d([1.7, -2.2, 0]);
    const i = tf.cast(a, 'int32');
    expect(i.dataId).not.toBe(a.dataId);
    expect([i.dtype, Array.from(i.dataSync())]).toEqual(['int32', [1, -2, 0]]);
    tf.dispose([a, i]);
  });

  it('UnsortedSegmentSum (the gradient of gather) adds rows into their segments, dropping out-of-range ids', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const s = tf.unsortedSegmentSum(x, tf.tensor1d([1, 0, 1, 5], 'int32'), 3);
    expect(Array.from(s.dataSync())).toEqual([3, 4, 6, 8, 0, 0]);
    tf.dispose([x, s]);
  });
});
