import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { createRng, pca } from '@scbench/numerics';
import { engineProduct } from './engine-product.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('engineProduct', () => {
  const n = 120;
  const p = 30;
  const rng = createRng(4);
  // Full rank, with a decaying spectrum (column j scaled by 1/(1 + j)) so the leading components are well separated.
  const x = { rows: n, cols: p, data: Float32Array.from({ length: n * p }, (_, t) => rng.normal() / (1 + (t % p))) };

  it('gives pca the same components as the JS kernel (up to float32) and frees its tensors', () => {
    const start = tf.memory().numTensors;
    const e = engineProduct(x);
    const fast = pca(x, 5, { seed: 2, product: e.product });
    e.dispose();
    expect(tf.memory().numTensors).toBe(start);
    const plain = pca(x, 5, { seed: 2 });
    for (let t = 0; t < plain.scores.data.length; t++) expect(fast.scores.data[t]).toBeCloseTo(plain.scores.data[t], 3);
    for (let c = 0; c < 5; c++) expect(fast.explainedVariance[c] / plain.explainedVariance[c]).toBeCloseTo(1, 5);
  });

  it('refuses a matrix it was not built for', () => {
    const e = engineProduct(x);
    const other = { ...x, data: Float32Array.from(x.data) };
    expect(() => e.product(other, new Float64Array(p * 2), 2, false)).toThrow(/other than the one it was built for/);
    e.dispose();
  });
});
