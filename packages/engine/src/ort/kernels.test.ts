import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { randomTensor } from '../testing/gradcheck.ts';
import { mse } from '../losses/reconstruction.ts';
import { installOrtKernels, ortKernelStats } from './matmul-kernels.ts';

/** Run `reference` on plain wasm and `f` (default: the same) on wasm+ORT; return both results as arrays. */
async function both(f: () => tf.Tensor | tf.Tensor[], reference = f): Promise<[Float32Array[], Float32Array[]]> {
  const read = (g: () => tf.Tensor | tf.Tensor[]): Float32Array[] => {
    const r = tf.tidy(g);
    const list = Array.isArray(r) ? r : [r];
    const out = list.map((t) => t.dataSync() as Float32Array);
    tf.dispose(list);
    return out;
  };
  await initEngine({ backend: 'wasm' });
  const plain = read(reference);
  await initEngine({ backend: 'wasm-ort' });
  installOrtKernels({ minWork: 0 }); // delegate even tiny products in tests
  const before = ortKernelStats.delegated;
  const ort = read(f);
  expect(ortKernelStats.delegated).toBeGreaterThan(before);
  return [plain, ort];
}

function expectClose(a: Float32Array[], b: Float32Array[], tol = 1e-4): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => {
    expect(b[i].length).toBe(x.length);
    let scale = 1e-6;
    let err = 0;
    for (let j = 0; j < x.length; j++) {
      scale = Math.max(scale, Math.abs(x[j]));
      err = Math.max(err, Math.abs(x[j] - b[i][j]));
    }
    expect(err / scale).toBeLessThan(tol);
  });
}

describe('ORT-delegated kernels equal plain wasm', () => {
  const inputs: tf.Tensor[] = [];
  beforeAll(async () => {
    await initEngine({ backend: 'wasm-ort', threads: 2 });
  });
  afterAll(() => tf.dispose(inputs));

  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [7, 5, 3],
    [33, 17, 65],
    [128, 64, 9],
  ];
  for (const [m, k, n] of shapes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        it(`matMul ${m}×${k}·${k}×${n} transposeA=${tA} transposeB=${tB}`, async () => {
          const a = randomTensor(tA ? [k, m] : [m, k], m + k);
          const b = randomTensor(tB ? [n, k] : [k, n], n + 1);
          inputs.push(a, b);
          expectClose(...(await both(() => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, tA, tB))));
        });
      }
    }
  }

  it('batched matmul (batch folded into rows) and a true batch (fallback)', async () => {
    const a = randomTensor([3, 4, 5], 1);
    const b = randomTensor([5, 6], 2);
    const b3 = randomTensor([3, 5, 6], 3);
    inputs.push(a, b, b3);
    expectClose(...(await both(() => [tf.matMul(a, b), tf.matMul(a, b3)])));
  });

  const acts = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
  for (const activation of acts) {
    for (const [tA, tB] of [
      [false, false],
      [true, true],
    ]) {
      it(`fused matMul + bias + ${activation} (tA=${tA}, tB=${tB})`, async () => {
        const a = randomTensor(tA ? [19, 23] : [23, 19], 4);
        const b = randomTensor(tB ? [11, 19] : [19, 11], 5);
        const bias = randomTensor([11], 6);
        const slope = randomTensor([11], 7, 0.1, 0.2);
        inputs.push(a, b, bias, slope);
        const run = () =>
          tf.fused.matMul({
            a: a as tf.Tensor2D,
            b: b as tf.Tensor2D,
            transposeA: tA,
            transposeB: tB,
            bias,
            activation,
            preluActivationWeights: activation === 'prelu' ? slope : undefined,
            leakyreluAlpha: 0.3,
          });
        // Reference: unfused ops on plain wasm. tfjs-wasm 4.22's own fused kernel adds the bias along the
        // wrong axis when both inputs are transposed, so it cannot be the reference.
        const reference = () => {
          const y = tf.add(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, tA, tB), bias);
          switch (activation) {
            case 'linear':
              return y;
            case 'relu':
              return tf.relu(y);
            case 'relu6':
              return tf.relu6(y);
            case 'elu':
              return tf.elu(y);
            case 'sigmoid':
              return tf.sigmoid(y);
            case 'leakyrelu':
              return tf.leakyRelu(y, 0.3);
            case 'prelu':
              return tf.prelu(y, slope);
          }
        };
        expectClose(...(await both(run, reference)));
      });
    }
  }

  it('gradients of a fused dense layer (both transposes of the backward pass) agree', async () => {
    const x = randomTensor([40, 30], 8);
    const w = randomTensor([30, 20], 9);
    const bias = randomTensor([20], 10);
    inputs.push(x, w, bias);
    const g = () =>
      tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.square(tf.fused.matMul({ a: xx as tf.Tensor2D, b: ww as tf.Tensor2D, bias: bb }))),
      )([x, w, bias]);
    expectClose(...(await both(g)), 1e-4);
  });

  it('fused MSE kernel: value and gradients for prediction and target equal the composed ops', async () => {
    const p = randomTensor([70, 40], 12);
    const t = randomTensor([70, 40], 13);
    inputs.push(p, t);
    const run = () => {
      const [gp, gt] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(3, mse(a, b)))([p, t]);
      return [mse(p, t), gp, gt];
    };
    expectClose(...(await both(run)), 1e-5);
  });

  it('Exp on a large tensor agrees to float32 rounding (relative), including its gradient', async () => {
    const x = tf.mul(randomTensor([300, 300], 12), 15); // ≥ 2^16 entries: delegated; values ~ ±40
    inputs.push(x);
    const [plain, ort] = await both(() => [tf.exp(x), tf.grad((v: tf.Tensor) => tf.sum(tf.exp(v)))(x)]);
    plain.forEach((p, i) => p.forEach((v, j) => expect(Math.abs(ort[i][j] - v)).toBeLessThanOrEqual(4e-7 * Math.abs(v) + 1e-30)));
  });

  it('Sum and Mean over every axis combination agree', async () => {
    const x = randomTensor([64, 48, 32], 11); // ≥ 2^16 entries: delegated
    inputs.push(x);
    const r = () => [tf.sum(x), tf.sum(x, 0), tf.sum(x, 1), tf.sum(x, -1, true), tf.sum(x, [0, 2]), tf.mean(x), tf.mean(x, 0), tf.mean(x, [1, 2], true)];
    expectClose(...(await both(r)), 1e-4);
  });
});

describe('reductions over every entry', () => {
  it('give the same bits wherever the tensor sits in the heap (the same values at 12 offsets), accurately', async () => {
    await initEngine({ backend: 'wasm-ort', threads: 2 });
    // Millions of entries: at 2638×200 the one-pass ORT sum happened to agree at every offset, at 2638×2000 it did not.
    const source = tf.randomNormal([2638, 2000], 0, 1, 'float32', 3);
    const data = source.dataSync() as Float32Array;
    source.dispose();
    const sums = new Set<number>();
    const means = new Set<number>();
    const pads: tf.Tensor[] = [];
    for (let pad = 0; pad < 12; pad++) {
      pads.push(tf.tensor1d(new Float32Array(pad + 1))); // moves the next allocation
      const t = tf.tensor2d(data, [2638, 2000]);
      sums.add(tf.sum(t).dataSync()[0]);
      means.add(tf.mean(tf.reshape(t, [-1])).dataSync()[0]);
      t.dispose();
    }
    tf.dispose(pads);
    expect(sums.size).toBe(1);
    expect(means.size).toBe(1);
    let exact = 0;
    for (const v of data) exact += v;
    // Partial sums added in float64: within float32 rounding of the exact sum (the one-pass sum was off by ~1e-5).
    expect(Math.abs([...sums][0] - exact)).toBeLessThan(1e-6 * Math.abs(exact) + 1e-3);
  });

  it('over the last axis (a row-wise logsumexp, as in InfoNCE) give the same bits wherever the tensor sits', async () => {
    await initEngine({ backend: 'wasm-ort', threads: 2 });
    // Before the lane split: 2 distinct results over these 12 offsets (the sum of exp(x − max) differed).
    const source = tf.randomNormal([4096, 16], 0, 1, 'float32', 3);
    const data = source.dataSync() as Float32Array;
    source.dispose();
    const results = new Set<string>();
    const pads: tf.Tensor[] = [];
    let rowSums: Float32Array | null = null;
    for (let pad = 0; pad < 12; pad++) {
      pads.push(tf.tensor1d(new Float32Array(pad + 1)));
      const [lse, sums, lanes] = tf.tidy(() => {
        const t = tf.tensor2d(data, [4096, 16]);
        // Row sums go through a Gemm with a ones vector; a non-suffix set with the last axis through the lane split.
        const split = tf.sum(tf.reshape(t, [64, 64, 16]), [0, 2]);
        return [tf.logSumExp(t, 1).dataSync() as Float32Array, tf.sum(t, -1).dataSync() as Float32Array, split.dataSync() as Float32Array];
      });
      results.add(`${Array.from(lse).join(',')}|${Array.from(lanes).join(',')}`);
      rowSums = sums;
    }
    tf.dispose(pads);
    expect(results.size).toBe(1);
    for (let r = 0; r < 4096; r += 97) {
      let exact = 0;
      for (let j = 0; j < 16; j++) exact += data[r * 16 + j];
      expect(Math.abs(rowSums![r] - exact)).toBeLessThan(1e-5);
    }
  });
});
