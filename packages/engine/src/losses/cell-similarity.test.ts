import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { expectGradOk, gradCheck } from '../testing/gradcheck.ts';
import { cellStudentTKl } from './cell-similarity.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

/** Float64 reference written from scziDesk's cal_latent / target_dis / kl_loss. */
function reference(z: number[][], alpha: number): number {
  const n = z.length;
  const s = z.map((a) => z.map((b) => (1 + a.reduce((t, v, j) => t + (v - b[j]) ** 2, 0) / alpha) ** (-(alpha + 1) / 2)));
  const p = s.map((row, i) => {
    const off = row.map((v, j) => (i === j ? 0 : v));
    const sum = off.reduce((a, b) => a + b, 0);
    return off.map((v) => v / sum);
  });
  const q = p.map((row) => {
    const rs = row.reduce((a, b) => a + b, 0);
    const sq = row.map((v) => (v * v) / rs);
    const t = sq.reduce((a, b) => a + b, 0);
    return sq.map((v) => v / t);
  });
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const pd = p[i][j] + (i === j ? s[i][i] : 0);
      const qd = q[i][j] + (i === j ? s[i][i] : 0);
      kl += qd * Math.log(qd) - qd * Math.log(pd);
    }
  }
  return kl;
}

describe('cellStudentTKl', () => {
  const z = [[0.1, 0.2], [1.5, -0.3], [-0.7, 0.9], [2.0, 2.0], [0.3, -1.1]];

  it('equals the float64 reference (α 1 and 2), nothing leaks', () => {
    const start = tf.memory().numTensors;
    for (const alpha of [1, 2]) {
      const v = tf.tidy(() => cellStudentTKl(tf.tensor2d(z), alpha).dataSync()[0]);
      expect(v).toBeCloseTo(reference(z, alpha), 4);
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('has correct gradients', () => {
    const zt = tf.tensor2d(z);
    expectGradOk(gradCheck((a) => cellStudentTKl(a as tf.Tensor2D), [zt], { h: 1e-2 }));
    zt.dispose();
  });
});
