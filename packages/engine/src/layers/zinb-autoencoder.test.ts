import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@scbench/numerics';
import { initEngine } from '../backend.ts';
import { randomTensor } from '../testing/gradcheck.ts';
import { disposeModules } from './layer.ts';
import { zinbAutoencoder } from './zinb-autoencoder.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

describe('zinbAutoencoder', () => {
  it('clean in eval mode, noisy in training; ZINB heads of the gene count; pre-training lowers the ZINB loss', () => {
    const ae = zinbAutoencoder(12, { encoder: [8, 6], latent: 3, decoder: [6, 8], inputNoise: 2.5 }, createRng(1));
    const x = randomTensor([20, 12], 2) as tf.Tensor2D;
    const counts = tf.tidy(() => tf.floor(tf.mul(tf.abs(x), 3))) as tf.Tensor2D;
    const sf = tf.ones([20]);
    const start = tf.memory().numTensors;
    const [clean1, clean2, noisy] = tf.tidy(() => [ae.encode(x), ae.encode(x), ae.encode(x, { training: true })].map((t) => t.arraySync() as number[][]));
    expect(clean1).toEqual(clean2);
    expect(noisy).not.toEqual(clean1);
    expect(clean1[0]).toHaveLength(3);
    const out = tf.tidy(() => ae.decode(ae.encode(x)).mean.shape);
    expect(out).toEqual([20, 12]);
    expect(tf.memory().numTensors).toBe(start);
    const loss = () => ae.zinb.loss(counts, ae.decode(ae.encode(x, { training: true }), { training: true }), sf);
    const before = tf.tidy(() => loss().dataSync()[0]);
    const opt = tf.train.adam(0.01);
    for (let i = 0; i < 40; i++) opt.minimize(loss, false, ae.variables as tf.Variable[]);
    expect(tf.tidy(() => loss().dataSync()[0])).toBeLessThan(before);
    opt.dispose();
    tf.dispose([x, counts, sf]);
    disposeModules(ae);
    expect(() => zinbAutoencoder(5, { encoder: [], latent: 2, decoder: [4], inputNoise: 0 }, createRng(1))).toThrow(/at least one hidden layer/);
  });
});
