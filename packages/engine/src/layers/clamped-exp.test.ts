import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { clampedExp } from './clamped-exp.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

describe('clampedExp', () => {
  const logits = [-20, -3, 0, 2.5, 10, 95, 200];
  const [lo, hi] = [1e-5, 1e4];

  it('has the values and gradients of clamp(exp(·)) wherever exp does not overflow', () => {
    const x = tf.tensor1d(logits);
    const y = clampedExp(x, lo, hi).dataSync();
    const g = tf.grad((t: tf.Tensor) => tf.sum(clampedExp(t, lo, hi)))(x).dataSync();
    const naiveGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.clipByValue(tf.exp(t), lo, hi)))(x).dataSync();
    logits.forEach((v, i) => {
      const e = Math.min(hi, Math.max(lo, Math.exp(v)));
      expect(Math.abs(y[i] - e)).toBeLessThan(1e-5 * e);
      const inside = Math.exp(v) > lo && Math.exp(v) < hi;
      expect(g[i]).toBeCloseTo(inside ? Math.exp(v) : 0, 3);
      if (v < 88) expect(g[i]).toBeCloseTo(naiveGrad[i], 3);
    });
    // The originals' form: a logit past float32's exp range gives 0·∞ in the backward pass.
    expect(Number.isNaN(naiveGrad[logits.indexOf(95)])).toBe(true);
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
    x.dispose();
  });

  it('refuses an empty or non-positive range', () => {
    const x = tf.tensor1d([0]);
    expect(() => clampedExp(x, 0, 1)).toThrow(/0 < lo < hi/);
    expect(() => clampedExp(x, 2, 1)).toThrow(/0 < lo < hi/);
    x.dispose();
  });
});
