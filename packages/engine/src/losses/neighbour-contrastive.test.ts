import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { expectGradOk, gradCheck, randomTensor } from '../testing/gradcheck.ts';
import { memoryBank, neighbourContrastive } from './neighbour-contrastive.ts';
import { neighbourContrastiveOpForm } from './neighbour-contrastive-op-form.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** neighbor_k_loss written out on arrays. */
function reference(z: number[][], zt: number[][], bank: number[][], k: number, t: number): number {
  const unit = (r: number[]): number[] => { const n = Math.hypot(...r); return r.map((v) => v / n); };
  const b = bank.map(unit);
  const dot = (a: number[], c: number[]): number => a.reduce((s, v, i) => s + v * c[i], 0);
  let total = 0;
  z.forEach((row, i) => {
    const zn = unit(row);
    const tn = unit(zt[i]);
    const top = b.map((r, j) => [dot(zn, r), j]).sort((p, q) => q[0] - p[0]).slice(0, k).map((p) => p[1]);
    const num = top.reduce((s, j) => s + Math.exp(dot(tn, b[j]) / t), 0);
    const den = b.reduce((s, r) => s + Math.exp(dot(tn, r) / t), 0);
    total += Math.log(num / den);
  });
  return -total / z.length;
}

describe('neighbourContrastive (scNAME) and the memory bank', () => {
  it('equals the written-out loss and has correct gradients for z̃ (z only picks the neighbours)', () => {
    const z = randomTensor([4, 3], 1) as tf.Tensor2D;
    const zt = randomTensor([4, 3], 2) as tf.Tensor2D;
    const bank = randomTensor([9, 3], 3) as tf.Tensor2D;
    const got = neighbourContrastive(z, zt, bank, 3, 0.7).dataSync()[0];
    expect(got).toBeCloseTo(reference(z.arraySync() as number[][], zt.arraySync() as number[][], bank.arraySync() as number[][], 3, 0.7), 4);
    expectGradOk(gradCheck((a) => neighbourContrastive(z, a as tf.Tensor2D, bank, 3, 0.7), [zt]));
    expect(() => neighbourContrastive(z, zt, bank, 10, 0.7)).toThrow(/k must be an integer in \[1, 9\]/);
    tf.dispose([z, zt, bank]);
  });

  it('matches the loss written with tfjs ops (positives mask, two logSumExps) and its autodiff gradient at 48 × 500', () => {
    const z = randomTensor([48, 8], 4) as tf.Tensor2D;
    const zt = randomTensor([48, 8], 5) as tf.Tensor2D;
    const bank = randomTensor([500, 8], 6) as tf.Tensor2D;
    const k = 10;
    const t = 0.7;
    const opForm = (a: tf.Tensor): tf.Scalar => neighbourContrastiveOpForm(z, a as tf.Tensor2D, bank, k, t);
    const fused = (a: tf.Tensor): tf.Scalar => neighbourContrastive(z, a as tf.Tensor2D, bank, k, t);
    expect(fused(zt).dataSync()[0]).toBeCloseTo(opForm(zt).dataSync()[0], 5);
    const gf = tf.grad(fused)(zt).dataSync();
    const go = tf.grad(opForm)(zt).dataSync();
    let worst = 0;
    for (let i = 0; i < gf.length; i++) worst = Math.max(worst, Math.abs(gf[i] - go[i]));
    expect(worst).toBeLessThan(1e-6);
    expect(Math.max(...Array.from(go, Math.abs))).toBeGreaterThan(1e-3); // the comparison is not of zeros
    tf.dispose([z, zt, bank]);
  });

  it('bank rows are overwritten by value and read back as a tensor', () => {
    const bank = memoryBank(5, 2);
    const z = tf.tensor2d([[1, 2], [3, 4]]);
    bank.update(Int32Array.from([3, 0]), z);
    const t = bank.tensor();
    expect(t.arraySync()).toEqual([[3, 4], [0, 0], [0, 0], [1, 2], [0, 0]]);
    expect(() => bank.update(Int32Array.from([1]), z)).toThrow(/update of \[2,2\] for 1 rows/);
    tf.dispose([z, t]);
  });
});
