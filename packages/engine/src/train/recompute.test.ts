import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@scbench/numerics';
import { initEngine } from '../backend.ts';
import { batchNorm } from '../layers/batch-norm.ts';
import { dense } from '../layers/dense.ts';
import { randomTensor } from '../testing/gradcheck.ts';
import { recomputed, recomputedRowChunks } from './recompute.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

function net(): { vars: tf.Variable[]; state: tf.Variable[]; block1: (x: tf.Tensor2D, again: boolean) => tf.Tensor2D; block2: (h: tf.Tensor2D, x: tf.Tensor2D) => tf.Tensor2D } {
  const rng = createRng(3, 'mulberry32');
  const d1 = dense(5, 7, rng, { init: 'torch' });
  const bn = batchNorm(7);
  const d2 = dense(7, 5, rng, { init: 'torch' });
  return {
    vars: [...d1.variables, ...bn.variables, ...d2.variables],
    state: [...(bn.state ?? [])],
    block1: (x, again) => tf.relu(bn.apply(d1.apply(x), { training: true, updateStatistics: !again })),
    // Two inputs, both differentiable: the output mixes the hidden state with the data.
    block2: (h, x) => tf.tanh(tf.add(d2.apply(h), tf.mul(x, 0.5))) as tf.Tensor2D,
  };
}

describe('recomputed', () => {
  it('gives the gradients of plain autodiff, through chained blocks with several inputs, and leaks nothing', () => {
    const m = net();
    const x = randomTensor([11, 5], 4) as tf.Tensor2D;
    const loss = (check: boolean) => (): tf.Scalar => {
      const h = check ? recomputed(([a], again) => m.block1(a as tf.Tensor2D, again), [x], m.vars.slice(0, 4)) : m.block1(x, false);
      const y = check ? recomputed(([a, b]) => m.block2(a as tf.Tensor2D, b as tf.Tensor2D), [h, x], m.vars.slice(4)) : m.block2(h, x);
      return tf.sum(tf.square(y)) as tf.Scalar;
    };
    const plain = tf.variableGrads(loss(false), m.vars);
    const before = tf.memory().numTensors;
    const checked = tf.variableGrads(loss(true), m.vars);
    expect(checked.value.dataSync()[0]).toBeCloseTo(plain.value.dataSync()[0], 5);
    for (const v of m.vars) {
      const a = plain.grads[v.name].dataSync();
      const b = checked.grads[v.name].dataSync();
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    }
    checked.value.dispose();
    for (const g of Object.values(checked.grads)) g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts one running-statistics update per step, not two', () => {
    const m = net();
    const x = randomTensor([9, 5], 6) as tf.Tensor2D;
    const runOnce = (check: boolean): number[] => {
      for (const s of m.state) s.assign(tf.zerosLike(s));
      const { value, grads } = tf.variableGrads(() => {
        const h = check ? recomputed(([a], again) => m.block1(a as tf.Tensor2D, again), [x], m.vars.slice(0, 4)) : m.block1(x, false);
        return tf.sum(h) as tf.Scalar;
      }, m.vars.slice(0, 4));
      value.dispose();
      for (const g of Object.values(grads)) g.dispose();
      return Array.from(m.state[0].dataSync());
    };
    expect(runOnce(true)).toEqual(runOnce(false));
  });

  it('outside a gradient it is the plain forward value', () => {
    const m = net();
    const x = randomTensor([6, 5], 8) as tf.Tensor2D;
    const a = tf.tidy(() => recomputed(([t], again) => m.block1(t as tf.Tensor2D, again), [x], m.vars.slice(0, 4)).dataSync());
    const b = tf.tidy(() => m.block1(x, false).dataSync());
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('recomputedRowChunks: the mean of a row-local loss and its gradients, whatever the chunk size', () => {
    const rng = createRng(5, 'mulberry32');
    const head = dense(4, 6, rng, { init: 'torch' });
    const target = randomTensor([11, 6], 9);
    const h = randomTensor([11, 4], 10) as tf.Tensor2D;
    const rowLoss = (a: tf.Tensor2D, start: number, size: number): tf.Scalar =>
      tf.mean(tf.square(tf.sub(tf.sigmoid(head.apply(a)), tf.slice(target, [start, 0], [size, 6])))) as tf.Scalar;
    const run = (chunk: number | null): { value: number; grads: number[][] } => {
      const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
        const hh = tf.mul(h, head.variables[0].sum()) as tf.Tensor2D; // h depends on a variable: its gradient flows through the chunks
        return chunk === null ? rowLoss(hh, 0, 11) : recomputedRowChunks(([a], start, size) => rowLoss(a, start, size), [hh], head.variables, chunk);
      }), [...head.variables]);
      const out = { value: value.dataSync()[0], grads: head.variables.map((v) => Array.from(grads[v.name].dataSync())) };
      value.dispose();
      for (const g of Object.values(grads)) g.dispose();
      return out;
    };
    const plain = run(null);
    for (const chunk of [4, 11, 50]) {
      const c = run(chunk);
      expect(c.value).toBeCloseTo(plain.value, 6);
      c.grads.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(plain.grads[i][j], 5)));
    }
    expect(() => recomputedRowChunks(([a]) => tf.sum(a) as tf.Scalar, [h], [], 0)).toThrow(/chunkRows/);
  });
});
