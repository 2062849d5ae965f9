import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { expectGradOk, gradCheck } from '../testing/gradcheck.ts';
import { pairwiseSquaredDistances, softKmeans, softKmeansWeights } from './soft-kmeans.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** Float64 reference written from scziDesk's cal_dist / kmeans_loss formulas. */
function reference(z: number[][], c: number[][]): { loss: number; w: number[][] } {
  const w: number[][] = [];
  let total = 0;
  for (const zi of z) {
    const d = c.map((ck) => ck.reduce((s, v, j) => s + (zi[j] - v) ** 2, 0));
    const m = Math.min(...d);
    const e = d.map((v) => Math.exp(-(v - m)));
    const se = e.reduce((a, b) => a + b, 0);
    const q = e.map((v) => (v / se) ** 2);
    const sq = q.reduce((a, b) => a + b, 0);
    const wi = q.map((v) => v / sq);
    w.push(wi);
    total += wi.reduce((s, v, k) => s + v * d[k], 0);
  }
  return { loss: total / z.length, w };
}

describe('softKmeans', () => {
  const z = [[0.1, 0.2], [1.5, -0.3], [-0.7, 0.9], [2.0, 2.0]];
  const c = [[0, 0], [1, 0], [0, 1]];

  it('equals the float64 reference (weights and loss), nothing leaks', () => {
    const start = tf.memory().numTensors;
    const ref = reference(z, c);
    tf.tidy(() => {
      const zt = tf.tensor2d(z);
      const ct = tf.tensor2d(c);
      expect(softKmeans(zt, ct).dataSync()[0]).toBeCloseTo(ref.loss, 5);
      const w = softKmeansWeights(pairwiseSquaredDistances(zt, ct)).arraySync();
      w.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(ref.w[i][k], 5)));
    });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('has correct gradients for z and the centres (through the weights too)', () => {
    const zt = tf.tensor2d(z);
    const ct = tf.tensor2d(c);
    expectGradOk(gradCheck((a, b) => softKmeans(a as tf.Tensor2D, b as tf.Tensor2D), [zt, ct], { h: 1e-2 }));
    tf.dispose([zt, ct]);
  });
});
