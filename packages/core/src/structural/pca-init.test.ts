import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { createRng } from '@scbench/numerics';
import { pca } from '@scbench/numerics';
import { inputStats, structuralAutoencoder } from './model.ts';
import { initialiseAsPca } from './pca-init.ts';
import { maxAbsDiff, tinyCounts } from './test-helpers.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('initialiseAsPca', () => {
  const x = tinyCounts(40, 9, 5);

  it('makes the code the PCA scores and the reconstruction the PCA reconstruction (the linear AE optimum)', () => {
    const ae = structuralAutoencoder(9, createRng(1, 'mulberry32'), { hidden: 6, latent: 3 });
    const stats = inputStats(x);
    const xt = tf.tensor2d(x.data, [40, 9]);
    const randomMse = tf.tidy(() => ae.reconstructionMse(xt, ae.encode(xt), stats).dataSync()[0]);
    initialiseAsPca(ae, x, 0);
    const ref = pca(x, 3, { seed: 0 });
    const h = tf.tidy(() => ae.encode(xt).dataSync() as Float32Array);
    expect(maxAbsDiff(h, ref.scores.data)).toBeLessThan(1e-4);
    // PCA's reconstruction error, by hand in float64: x̂ = μ + scores·axes.
    let sse = 0;
    for (let i = 0; i < 40; i++) {
      for (let g = 0; g < 9; g++) {
        let v = ref.mean[g];
        for (let j = 0; j < 3; j++) v += ref.scores.data[i * 3 + j] * ref.components.data[j * 9 + g];
        sse += (x.data[i * 9 + g] - v) ** 2;
      }
    }
    const mse = tf.tidy(() => ae.reconstructionMse(xt, ae.encode(xt), stats).dataSync()[0]);
    expect(Math.abs(mse - sse / (40 * 9))).toBeLessThan(1e-4 * (sse / (40 * 9)));
    expect(mse).toBeLessThan(randomMse); // the optimum beats PyTorch's random start
    xt.dispose();
    ae.dispose();
  });

  it('refuses a non-linear autoencoder, naming the fix', () => {
    const ae = structuralAutoencoder(9, createRng(2, 'mulberry32'), { hidden: 6, latent: 3, activation: 'relu' });
    expect(() => initialiseAsPca(ae, x, 0)).toThrow(/linear autoencoder.*aeInit 'random'/);
    ae.dispose();
  });
});
