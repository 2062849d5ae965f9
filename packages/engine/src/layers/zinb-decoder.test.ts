import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from '../backend.ts';
import { zinbNll } from '../losses/count-likelihood.ts';
import { createRng } from '@scbench/numerics';
import { randomTensor } from '../testing/gradcheck.ts';
import { disposeModules } from './layer.ts';
import { DISPERSION_RANGE, MEAN_RANGE, zinbDecoder } from './zinb-decoder.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

describe('zinbDecoder', () => {
  it('heads are clamped exp / clamped softplus / sigmoid of their dense layers', () => {
    const start = tf.memory().numTensors;
    const dec = zinbDecoder(4, 6, createRng(1, 'mulberry32'));
    expect(dec.variables).toHaveLength(6);
    // Large inputs push the exp and softplus heads into both clamps.
    const h = randomTensor([5, 4], 2, 40) as tf.Tensor2D;
    const out = tf.tidy(() => dec.apply(h) as unknown as tf.TensorContainer) as unknown as ReturnType<typeof dec.apply>;
    const raw = (d: typeof dec.heads.mean) => tf.tidy(() => tf.add(tf.matMul(h, d.kernel), d.bias!).dataSync());
    const m = out.mean.dataSync();
    const th = out.dispersion.dataSync();
    const pi = out.pi.dataSync();
    const rm = raw(dec.heads.mean);
    const rt = raw(dec.heads.dispersion);
    const rp = raw(dec.heads.pi);
    let clampedLow = 0;
    let clampedHigh = 0;
    for (let i = 0; i < m.length; i++) {
      const em = Math.min(MEAN_RANGE[1], Math.max(MEAN_RANGE[0], Math.exp(rm[i])));
      if (em === MEAN_RANGE[0]) clampedLow++;
      if (em === MEAN_RANGE[1]) clampedHigh++;
      expect(m[i]).toBeCloseTo(em, em > 1 ? -Math.floor(Math.log10(em)) + 4 : 5);
      const sp = Math.log1p(Math.exp(-Math.abs(rt[i]))) + Math.max(rt[i], 0);
      const et = Math.min(DISPERSION_RANGE[1], Math.max(DISPERSION_RANGE[0], sp));
      expect(Math.abs(th[i] - et)).toBeLessThan(1e-4 * Math.max(1, et));
      expect(pi[i]).toBeCloseTo(1 / (1 + Math.exp(-rp[i])), 5);
    }
    expect(clampedLow + clampedHigh).toBeGreaterThan(0);
    tf.dispose([h, out.mean, out.dispersion, out.pi]);
    disposeModules(dec);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('loss is zinbNll with size factors and ridge, and training it lowers it', () => {
    const dec = zinbDecoder(3, 5, createRng(3, 'mulberry32'));
    const h = randomTensor([8, 3], 4) as tf.Tensor2D;
    const x = tf.tidy(() => tf.floor(tf.mul(tf.abs(randomTensor([8, 5], 5)), 4))) as tf.Tensor2D;
    const sf = tf.tensor1d([0.5, 1, 1.5, 2, 0.8, 1.2, 1, 0.9]);
    const a = tf.tidy(() => dec.loss(x, dec.apply(h), sf, 1).dataSync()[0]);
    const b = tf.tidy(() => {
      const o = dec.apply(h);
      return zinbNll(x, o.mean, o.dispersion, o.pi, { sizeFactors: sf, ridge: 1 }).dataSync()[0];
    });
    expect(a).toBeCloseTo(b, 6);
    const noRidge = tf.tidy(() => dec.loss(x, dec.apply(h), sf).dataSync()[0]);
    expect(noRidge).toBeLessThan(a);
    const opt = tf.train.adam(0.05);
    for (let i = 0; i < 30; i++) opt.minimize(() => dec.loss(x, dec.apply(h), sf, 1), false, dec.variables as tf.Variable[]);
    const after = tf.tidy(() => dec.loss(x, dec.apply(h), sf, 1).dataSync()[0]);
    expect(after).toBeLessThan(a);
    opt.dispose();
    tf.dispose([h, x, sf]);
    disposeModules(dec);
  });

  it('refuses bad sizes', () => {
    expect(() => zinbDecoder(0, 5, createRng(1, 'mulberry32'))).toThrow(/positive integers/);
  });
});
