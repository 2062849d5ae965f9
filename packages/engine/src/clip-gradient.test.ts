import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('clipByValue gradient (one pass on wasm)', () => {
  it('passes dy inside [min, max], bounds included, and 0 outside', () => {
    const x = tf.tensor1d([-3, -1, -0.5, 0, 0.5, 1, 2.5]);
    const w = tf.tensor1d([1, 2, 3, 4, 5, 6, 7]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.clipByValue(v, -1, 1), w)))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 2, 3, 4, 5, 6, 0]);
    tf.dispose([x, w, g]);
  });

  it('equals tfjs formula where(x ≥ min ∧ x ≤ max, dy, 0) on a large 2-D tensor, with one kernel', async () => {
    const x = tf.randomNormal([300, 257], 0, 2, 'float32', 7);
    const w = tf.randomNormal([300, 257], 0, 1, 'float32', 8);
    const f = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.exp(tf.clipByValue(v, -1.5, 2)), w));
    const info = await tf.profile(() => tf.grad(f)(x));
    expect(info.kernels.map((k) => k.name)).toContain('ScbenchClipGrad');
    expect(info.kernels.map((k) => k.name)).not.toContain('Select');
    const got = tf.grad(f)(x).dataSync();
    const want = tf.tidy(() => {
      const dy = tf.mul(tf.exp(tf.clipByValue(x, -1.5, 2)), w);
      return tf.where(tf.logicalAnd(tf.greaterEqual(x, -1.5), tf.lessEqual(x, 2)), dy, tf.zerosLike(dy)).dataSync();
    });
    expect(Array.from(got)).toEqual(Array.from(want));
    tf.dispose([x, w]);
  });
});
