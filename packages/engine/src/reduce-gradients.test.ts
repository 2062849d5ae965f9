import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

/** d/dx Σ (w ⊙ reduce(x)) for a fixed weight w of the reduction's shape. */
function gradOf(reduce: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, w: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.grad((v: tf.Tensor) => tf.sum(tf.mul(reduce(v), w)))(x).dataSync()));
}

describe('Sum and Mean gradients (ones from the backend)', () => {
  const cube = (): tf.Tensor => tf.tensor3d(Array.from({ length: 24 }, (_, i) => i * 0.5 - 3), [2, 3, 4]);

  it('spread the upstream gradient over the reduced axes: sum as it is, mean divided by the count', () => {
    const x = cube();
    // Reduce axis 1 of [2, 3, 4]: dx[i, j, k] = w[i, k] (sum) or w[i, k] / 3 (mean), for every j.
    const w = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]);
    const expectSum = Array.from({ length: 24 }, (_, f) => [1, 2, 3, 4, 5, 6, 7, 8][Math.floor(f / 12) * 4 + (f % 4)]);
    expect(gradOf((v) => tf.sum(v, 1), x, w)).toEqual(expectSum);
    expect(gradOf((v) => tf.mean(v, 1), x, w)).toEqual(expectSum.map((g) => Math.fround(g / 3)));
    // keepDims: the same gradient through a [2, 1, 4] reduction.
    expect(gradOf((v) => tf.sum(v, 1, true), x, tf.reshape(w, [2, 1, 4]))).toEqual(expectSum);
  });

  it('cover every axis, several axes and negative axes', () => {
    const x = cube();
    const w = tf.scalar(2);
    expect(gradOf((v) => tf.sum(v), x, w)).toEqual(new Array(24).fill(2));
    expect(gradOf((v) => tf.mean(v), x, w)).toEqual(new Array(24).fill(Math.fround(2 / 24)));
    const w2 = tf.tensor1d([1, -1, 0.5]);
    const expect02 = Array.from({ length: 24 }, (_, f) => [1, -1, 0.5][Math.floor(f / 4) % 3]);
    expect(gradOf((v) => tf.sum(v, [0, 2]), x, w2)).toEqual(expect02);
    expect(gradOf((v) => tf.mean(v, [0, -1]), x, w2)).toEqual(expect02.map((g) => Math.fround(g / 8)));
  });

  it('match a ones-tensor reference through a typical loss (BatchNorm moments)', () => {
    const a = tf.tensor2d(Array.from({ length: 60 }, (_, i) => Math.sin(i)), [12, 5]);
    const loss = (v: tf.Tensor): tf.Scalar => {
      const m = tf.moments(v, 0);
      return tf.sum(tf.square(tf.div(tf.sub(v, m.mean), tf.sqrt(tf.add(m.variance, 1e-5))))) as tf.Scalar;
    };
    // The same loss with the reductions written as products with ones, whose gradients never use Sum/Mean's.
    const onesLoss = (v: tf.Tensor): tf.Scalar => {
      const colMean = tf.div(tf.matMul(tf.ones([1, 12]), v as tf.Tensor2D), 12);
      const variance = tf.div(tf.matMul(tf.ones([1, 12]), tf.square(tf.sub(v, colMean)) as tf.Tensor2D), 12);
      const z = tf.square(tf.div(tf.sub(v, colMean), tf.sqrt(tf.add(variance, 1e-5)))) as tf.Tensor2D;
      return tf.matMul(tf.matMul(tf.ones([1, 12]), z), tf.ones([5, 1])).reshape([]) as tf.Scalar;
    };
    const g = tf.grad(loss)(a).dataSync();
    const ref = tf.grad(onesLoss)(a).dataSync();
    g.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 4));
  });

  it('make their ones with a Fill kernel, not a JS array uploaded (the cost they remove)', async () => {
    const x = tf.randomNormal([64, 32]);
    const info = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.add(tf.sum(v, 0).sum(), tf.mean(v, 1).sum()))(x));
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'Fill')).toHaveLength(4); // one per reduction; tfjs's own gradients make none
    expect(names).not.toContain('Tile');
  });
});
