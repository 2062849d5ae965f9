import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng, csrFromTriplets } from '@scbench/numerics';
import { initEngine } from '../backend.ts';
import { expectGradOk, gradCheck } from '../testing/gradcheck.ts';
import { gaeKl, innerProductDenseLoss, innerProductPairLoss, innerProductWeights, samplePairs, type PairSample } from './inner-product.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

// The case of fixtures/make_inner_product_reference.py: edges 0–1, 1–2, 3–4 of 5 nodes; target A + I.
const n = 5;
const edges = [[0, 1], [1, 2], [3, 4]];
const mu = [[0.5, -0.2], [0.3, 0.1], [-0.4, 0.7], [0.9, 0.2], [0.0, -0.6]];
const logStd = [[-0.1, 0.2], [0.3, -0.5], [0.0, 0.1], [-0.2, -0.3], [0.4, 0.0]];
const eps = [[0.1, -0.3], [0.7, 0.2], [-0.5, 0.4], [0.0, 1.1], [-0.8, -0.2]];
const z = mu.map((r, i) => r.map((m, j) => m + eps[i][j] * Math.exp(logStd[i][j])));
const rows = [...edges.flatMap(([a, b]) => [a, b]), ...Array.from({ length: n }, (_, i) => i)];
const cols = [...edges.flatMap(([a, b]) => [b, a]), ...Array.from({ length: n }, (_, i) => i)];
const target = csrFromTriplets(n, n, rows, cols, rows.map(() => 1));
const dense = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j || edges.some(([a, b]) => (a === i && b === j) || (a === j && b === i)) ? 1 : 0)));

describe('inner-product graph losses (scGNN GAE)', () => {
  it('weights, dense reconstruction and KL equal the original torch computation', () => {
    const { posWeight, norm } = innerProductWeights(n, 2 * edges.length);
    expect(posWeight).toBeCloseTo(3.1666666666666665, 10); // fixtures/make_inner_product_reference.py
    expect(norm).toBeCloseTo(0.6578947368421053, 10);
    const start = tf.memory().numTensors;
    const recon = innerProductDenseLoss(tf.tensor2d(z), tf.tensor2d(dense), posWeight, norm);
    expect(recon.dataSync()[0]).toBeCloseTo(0.9539948105812073, 5);
    const kl = gaeKl(tf.tensor2d(mu), tf.tensor2d(logStd));
    expect(kl.dataSync()[0]).toBeCloseTo(0.07233258336782455, 6);
    tf.dispose([recon, kl]);
    expect(tf.memory().numTensors).toBe(start + 4); // only the four inputs created above remain
    tf.disposeVariables();
  });

  it('the pair form over all N² pairs equals the dense form', () => {
    const { posWeight, norm } = innerProductWeights(n, 2 * edges.length);
    const all: PairSample = {
      rows: Int32Array.from({ length: n * n }, (_, s) => Math.floor(s / n)),
      cols: Int32Array.from({ length: n * n }, (_, s) => s % n),
      labels: Float32Array.from(dense.flat()),
      weights: Float32Array.from(dense.flat(), (y) => ((y ? posWeight : 1) * norm) / (n * n)),
    };
    const got = tf.tidy(() => innerProductPairLoss(tf.tensor2d(z), all).dataSync()[0]);
    expect(got).toBeCloseTo(0.9539948105812073, 5);
  });

  it('the pair form\'s gradient matches finite differences (its typed-array product), the dense form\'s too', () => {
    const { posWeight, norm } = innerProductWeights(n, 2 * edges.length);
    const s = samplePairs(target, 30, posWeight, norm, createRng(3));
    const zt = tf.tensor2d(z);
    expectGradOk(gradCheck((a) => innerProductPairLoss(a as tf.Tensor2D, s), [zt], { h: 1e-2 }));
    const dt = tf.tensor2d(dense);
    expectGradOk(gradCheck((a) => innerProductDenseLoss(a as tf.Tensor2D, dt, posWeight, norm), [zt], { h: 1e-2 }));
    tf.dispose([zt, dt]);
  });

  it('sampled draws are unbiased for the dense loss and exclude entries from the negatives', () => {
    const { posWeight, norm } = innerProductWeights(n, 2 * edges.length);
    const rng = createRng(7);
    const zt = tf.tensor2d(z);
    let sum = 0;
    const draws = 400;
    for (let d = 0; d < draws; d++) {
      const s = samplePairs(target, 20, posWeight, norm, rng);
      expect(s.rows.length).toBe(target.indices.length + 20);
      for (let k = target.indices.length; k < s.rows.length; k++) {
        if (dense[s.rows[k]][s.cols[k]] === 1) expect(s.weights[k]).toBe(0);
      }
      sum += tf.tidy(() => innerProductPairLoss(zt, s).dataSync()[0]);
    }
    zt.dispose();
    expect(Math.abs(sum / draws - 0.9539948105812073)).toBeLessThan(0.02);
  });

  it('refuses a graph without edges and a bad negative count', () => {
    expect(() => innerProductWeights(4, 0)).toThrow(/no edges among its 4 nodes/);
    expect(() => samplePairs(target, 0, 1, 1, createRng(1))).toThrow(/negatives must be a positive integer/);
  });
});
