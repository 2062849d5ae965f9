import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@scbench/numerics';
import { initEngine } from '../backend.ts';
import { expectGradOk, gradCheckVariable, randomTensor } from '../testing/gradcheck.ts';
import { crossAttention } from './cross-attention.ts';
import { disposeModules } from './layer.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** AttentionWide's forward written out per head and cell on plain arrays (no dropout). */
function reference(x: number[][], y: number[][], w: { k: number[][]; q: number[][]; v: number[][]; u: number[][]; b: number[] }, h: number, e: number): number[][] {
  const mm = (a: number[][], m: number[][]): number[][] => a.map((row) => m[0].map((_, j) => row.reduce((s, v, t) => s + v * m[t][j], 0)));
  const K = mm(x, w.k);
  const Q = mm(y, w.q);
  const V = mm(x, w.v);
  const t = x.length;
  const out = x.map(() => new Array<number>(h * e).fill(0));
  for (let head = 0; head < h; head++) {
    for (let i = 0; i < t; i++) {
      const logits = Array.from({ length: t }, (_, j) => {
        let s = 0;
        for (let c = 0; c < e; c++) s += Q[i][head * e + c] * K[j][head * e + c];
        return s / Math.sqrt(e);
      });
      const mx = Math.max(...logits);
      const ex = logits.map((l) => Math.exp(l - mx));
      const z = ex.reduce((a, b) => a + b, 0);
      for (let c = 0; c < e; c++) out[i][head * e + c] = ex.reduce((s, p, j) => s + (p / z) * V[j][head * e + c], 0);
    }
  }
  return mm(out, w.u).map((row) => row.map((v, j) => v + w.b[j]));
}

describe('crossAttention (AttentionAE-sc AttentionWide)', () => {
  it('equals the per-head softmax(QKᵀ/√e)·V written out; query blocks give the same result', () => {
    const e = 3;
    const h = 2;
    const layer = crossAttention(e, createRng(1), { heads: h });
    const x = randomTensor([5, e], 2) as tf.Tensor2D;
    const y = randomTensor([5, e], 3) as tf.Tensor2D;
    const [wk, wq, wv, wu, bu] = layer.variables.map((v) => v.arraySync() as number[][]);
    const want = reference(x.arraySync() as number[][], y.arraySync() as number[][], { k: wk, q: wq, v: wv, u: wu, b: bu as unknown as number[] }, h, e);
    const got = layer.apply(x, y).arraySync() as number[][];
    const blocked = layer.apply(x, y, { queryBlock: 2 }).arraySync() as number[][];
    for (let i = 0; i < 5; i++) for (let j = 0; j < e; j++) {
      expect(got[i][j]).toBeCloseTo(want[i][j], 4);
      expect(blocked[i][j]).toBeCloseTo(want[i][j], 4);
    }
    tf.dispose([x, y]);
    disposeModules(layer);
  });

  it('has correct gradients for every projection; dropout only in training; checks shapes', () => {
    const layer = crossAttention(4, createRng(4), { heads: 3 });
    const x = randomTensor([6, 4], 5) as tf.Tensor2D;
    const y = randomTensor([6, 4], 6) as tf.Tensor2D;
    const probe = randomTensor([6, 4], 7);
    for (const v of layer.variables) expectGradOk(gradCheckVariable(() => tf.sum(tf.mul(layer.apply(x, y), probe)) as tf.Scalar, v));
    const a = layer.apply(x, y).arraySync();
    expect(layer.apply(x, y).arraySync()).toEqual(a);
    expect(layer.apply(x, y, { training: true }).arraySync()).not.toEqual(a);
    expect(() => layer.apply(x, tf.zeros([5, 4]) as tf.Tensor2D)).toThrow(/must both be \[t, 4\]/);
    tf.dispose([x, y, probe]);
    disposeModules(layer);
  });
});
