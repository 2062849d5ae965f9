import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import type { Csr } from '@scbench/api';
import { initEngine } from '../backend.ts';
import { createRng } from '@scbench/numerics';
import { sparseMatrix, spmm } from '../sparse.ts';
import { stopGradient } from '../stop-gradient.ts';
import { expectGradOk, gradCheck, gradCheckVariable, randomTensor } from '../testing/gradcheck.ts';
import { batchNorm } from './batch-norm.ts';
import { dense } from './dense.ts';
import { edgeList, gat } from './gat.ts';
import { gcn } from './gcn.ts';
import { disposeModules } from './layer.ts';
import { layerNorm } from './layer-norm.ts';
import { denseStack } from './stack.ts';
import { dropout, gaussianNoise } from './stochastic.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** Sum of the output weighted by a fixed random tensor: a scalar whose gradient exercises every output entry. */
function probe(y: tf.Tensor, seed = 99): tf.Scalar {
  return tf.sum(tf.mul(y, randomTensor(y.shape, seed))) as tf.Scalar;
}

/** Check the gradient w.r.t. the input and every variable of a layer-like function. */
function checkLayer(vars: readonly tf.Variable[], x: tf.Tensor, forward: (x: tf.Tensor) => tf.Tensor, h = 1e-2): void {
  expectGradOk(gradCheck((xx) => probe(forward(xx)), [x], { h }));
  for (const v of vars) expectGradOk(gradCheckVariable(() => probe(forward(x)), v, { h }));
}

// A 5-node graph: ring plus one chord, row-normalised with self-loops.
const ring: Csr = (() => {
  const rows = [[0, 1, 4], [0, 1, 2], [1, 2, 3, 0], [2, 3, 4], [0, 3, 4]];
  const indptr = new Int32Array(6);
  const indices: number[] = [];
  const data: number[] = [];
  rows.forEach((r, i) => {
    const sorted = [...r].sort((a, b) => a - b);
    sorted.forEach((j) => {
      indices.push(j);
      data.push(1 / r.length);
    });
    indptr[i + 1] = indices.length;
  });
  return { rows: 5, cols: 5, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
})();

describe('dense layers', () => {
  it('seeded initialisation: same seed, same weights; torch init draws biases', () => {
    const a = dense(6, 4, createRng(3, 'mulberry32'), { init: 'torch' });
    const b = dense(6, 4, createRng(3, 'mulberry32'), { init: 'torch' });
    expect(Array.from(a.kernel.dataSync())).toEqual(Array.from(b.kernel.dataSync()));
    expect(Math.max(...a.bias!.dataSync())).toBeGreaterThan(0);
    expect(Math.max(...a.kernel.dataSync().map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(6));
    disposeModules(a, b);
  });

  for (const activation of ['linear', 'relu', 'sigmoid', 'elu', 'leakyrelu', 'tanh', 'mish', 'softplus'] as const) {
    it(`dense + ${activation}: gradients w.r.t. input, kernel and bias`, () => {
      const start = tf.memory().numTensors;
      const layer = dense(5, 3, createRng(1, 'mulberry32'), { activation });
      const x = randomTensor([4, 5], 2);
      checkLayer(layer.variables, x, (xx) => layer.apply(xx as tf.Tensor2D));
      x.dispose();
      disposeModules(layer);
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('batch norm: training uses batch statistics (gradients) and updates running ones; inference uses running ones', () => {
    const bn = batchNorm(3, { momentum: 0.5 });
    const x = randomTensor([6, 3], 4, 2, 1);
    checkLayer(bn.variables, x, (xx) => bn.apply(xx as tf.Tensor2D, { training: true }));
    const before = bn.state![0].dataSync().slice();
    tf.tidy(() => bn.apply(x as tf.Tensor2D, { training: true }));
    expect(Array.from(bn.state![0].dataSync())).not.toEqual(Array.from(before));
    const y = tf.tidy(() => bn.apply(x as tf.Tensor2D).dataSync());
    const z = tf.tidy(() => bn.apply(x as tf.Tensor2D, { training: true }).dataSync());
    expect(Array.from(y)).not.toEqual(Array.from(z));
    x.dispose();
    disposeModules(bn);
  });

  it('layer norm gradients', () => {
    const ln = layerNorm(4);
    const x = randomTensor([3, 4], 5);
    checkLayer(ln.variables, x, (xx) => ln.apply(xx as tf.Tensor2D));
    x.dispose();
    disposeModules(ln);
  });

  it('dropout and Gaussian noise act only in training, reproducibly per seed', () => {
    const x = tf.ones([20, 10]) as tf.Tensor2D;
    const d1 = dropout(0.5, createRng(1, 'mulberry32'));
    const d2 = dropout(0.5, createRng(1, 'mulberry32'));
    const n1 = gaussianNoise(1, createRng(2, 'mulberry32'));
    const n2 = gaussianNoise(1, createRng(2, 'mulberry32'), true);
    tf.tidy(() => {
      expect(d1.apply(x)).toBe(x);
      expect(n1.apply(x)).toBe(x);
      const a = d1.apply(x, { training: true }).dataSync();
      expect(Array.from(a)).toEqual(Array.from(d2.apply(x, { training: true }).dataSync()));
      expect(new Set(a)).toEqual(new Set([0, 2]));
      const noisy = n1.apply(x, { training: true }).dataSync();
      const mean = Array.from(noisy).reduce((s, v) => s + v, 0) / noisy.length;
      expect(Math.abs(mean - 1)).toBeLessThan(0.3);
      expect(n2.apply(tf.zeros([3, 3]) as tf.Tensor2D, { training: true }).dataSync().every((v) => v === 0)).toBe(true);
    });
    x.dispose();
  });

  it('dense stack with norms, dropout and noise: shapes, variables, state, deterministic per seed', () => {
    const start = tf.memory().numTensors;
    const make = () => denseStack([8, 6, 4, 2], createRng(9, 'mulberry32'), { norm: 'batch', dropout: 0.2, inputNoise: 0.5, hiddenNoise: 0.1 });
    const s1 = make();
    const s2 = make();
    expect(s1.variables).toHaveLength(3 * 2 + 2 * 2);
    expect(s1.state).toHaveLength(4);
    const x = randomTensor([5, 8], 1) as tf.Tensor2D;
    const a = tf.tidy(() => s1.apply(x, { training: true }).dataSync());
    const b = tf.tidy(() => s2.apply(x, { training: true }).dataSync());
    expect(a).toHaveLength(10);
    expect(Array.from(a)).toEqual(Array.from(b));
    const ln = denseStack([8, 6, 2], createRng(1, 'mulberry32'), { norm: 'layer', activation: 'mish' });
    checkLayer(ln.variables, x, (xx) => ln.apply(xx as tf.Tensor2D));
    x.dispose();
    disposeModules(s1, s2, ln);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('graph layers', () => {
  it('spmm equals the dense product and has the transposed gradient', () => {
    const sp = sparseMatrix(ring);
    const h = randomTensor([5, 3], 1) as tf.Tensor2D;
    tf.tidy(() => {
      const dense = tf.tensor2d(Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => {
        for (let p = ring.indptr[i]; p < ring.indptr[i + 1]; p++) if (ring.indices[p] === j) return ring.data[p];
        return 0;
      })));
      const diff = tf.max(tf.abs(tf.sub(spmm(sp, h), tf.matMul(dense, h)))).dataSync()[0];
      expect(diff).toBeLessThan(1e-6);
    });
    expectGradOk(gradCheck((x) => probe(spmm(sp, x as tf.Tensor2D)), [h]));
    h.dispose();
  });

  it('GCN (sparse and dense adjacency) gradients', () => {
    const sp = sparseMatrix(ring);
    const layer = gcn(4, 3, createRng(2, 'mulberry32'), { activation: 'tanh', bias: true });
    const x = randomTensor([5, 4], 3);
    checkLayer(layer.variables, x, (xx) => layer.apply(xx as tf.Tensor2D, sp));
    const dense = randomTensor([5, 5], 4, 0.3) as tf.Tensor2D;
    checkLayer(layer.variables, x, (xx) => layer.apply(xx as tf.Tensor2D, dense));
    tf.dispose([x, dense]);
    disposeModules(layer);
    // Widening layers propagate X before multiplying by W: the same Â·X·W, and the same gradients.
    const wide = gcn(4, 7, createRng(3, 'mulberry32'));
    const xw = randomTensor([5, 4], 5);
    const ringDense = tf.tensor2d(Array.from({ length: 25 }, (_, f) => {
      const [i, j] = [Math.floor(f / 5), f % 5];
      for (let p = ring.indptr[i]; p < ring.indptr[i + 1]; p++) if (ring.indices[p] === j) return ring.data[p];
      return 0;
    }), [5, 5]);
    tf.tidy(() => {
      const want = tf.matMul(ringDense, tf.matMul(xw as tf.Tensor2D, wide.variables[0] as tf.Variable<tf.Rank.R2>));
      expect(tf.max(tf.abs(tf.sub(wide.apply(xw as tf.Tensor2D, sp), want))).dataSync()[0]).toBeLessThan(1e-5);
    });
    checkLayer(wide.variables, xw, (xx) => wide.apply(xx as tf.Tensor2D, sp));
    tf.dispose([xw, ringDense]);
    disposeModules(wide);
  });

  it('GAT: attention rows sum to 1 over neighbours; gradients (multi-head concat and mean)', () => {
    const start = tf.memory().numTensors;
    const edges = edgeList(ring);
    expect(edges.target.length).toBe(ring.indptr[5]); // all rows already have self-loops
    const layer = gat(4, 3, createRng(5, 'mulberry32'), { heads: 2, activation: 'elu' });
    const x = randomTensor([5, 4], 6);
    tf.tidy(() => {
      const att = layer.attention(x as tf.Tensor2D, edges);
      const sums = tf.unsortedSegmentSum(att, tf.tensor1d(edges.target, 'int32'), 5).dataSync();
      sums.forEach((v) => expect(v).toBeCloseTo(1, 5));
      expect(layer.apply(x as tf.Tensor2D, edges).shape).toEqual([5, 6]);
    });
    checkLayer(layer.variables, x, (xx) => layer.apply(xx as tf.Tensor2D, edges));
    const mean = gat(4, 3, createRng(6, 'mulberry32'), { heads: 3, concat: false });
    checkLayer(mean.variables, x, (xx) => mean.apply(xx as tf.Tensor2D, edges));
    x.dispose();
    disposeModules(layer, mean);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('UnsortedSegmentSum (added for wasm) and stopGradient', () => {
    const x = randomTensor([6, 2], 7);
    const ids = tf.tensor1d([0, 2, 2, 1, 0, 2], 'int32');
    tf.tidy(() => {
      const s = tf.unsortedSegmentSum(x, ids, 3).arraySync() as number[][];
      const xv = x.arraySync() as number[][];
      expect(s[2][1]).toBeCloseTo(xv[1][1] + xv[2][1] + xv[5][1], 5);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(t), t)))(x);
      expect(Array.from(g.dataSync())).toEqual(Array.from(x.dataSync()).map((v) => Math.fround(v)));
    });
    expectGradOk(gradCheck((t) => probe(tf.gather(t, tf.tensor1d([4, 0, 4, 1], 'int32'))), [x]));
    tf.dispose([x, ids]);
  });
});

describe('layerSizes', () => {
  it('reads comma-separated positive integers and refuses anything else', async () => {
    const { layerSizes, isLayerSizes } = await import('./layer-sizes.ts');
    expect(layerSizes('500, 500,2000')).toEqual([500, 500, 2000]);
    expect(isLayerSizes('256')).toBe(true);
    for (const bad of ['', '0,5', '5,,5', '5.5', 'a']) expect(isLayerSizes(bad)).toBe(false);
    expect(() => layerSizes('0')).toThrow(/comma-separated positive integers/);
  });
});
