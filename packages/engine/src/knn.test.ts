import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initEngine } from './backend.ts';
import { knn, SIMILARITIES, topSimilar } from '@scbench/numerics';
import { engineKnn, engineRowProducts } from './knn.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('engineKnn', () => {
  it('finds the same neighbours as the plain-JS knn, in blocks of any size, and frees its tensors', () => {
    const n = 300;
    const d = 12;
    const x = { rows: n, cols: d, data: Float32Array.from({ length: n * d }, (_, t) => Math.sin(t * 0.91) * 3 + Math.cos(t * 0.13)) };
    const want = knn(x, 10);
    const start = tf.memory().numTensors;
    for (const block of [7, 128, 300]) {
      const got = engineKnn(x, 10, block);
      expect(got.indices).toEqual(want.indices);
      for (let t = 0; t < want.distances.length; t += 37) expect(got.distances[t]).toBeCloseTo(want.distances[t], 3);
    }
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('engineRowProducts', () => {
  it('gives topSimilar the same neighbours as its JS products for every similarity, and frees its tensors', () => {
    const n = 260;
    const d = 9;
    const x = { rows: n, cols: d, data: Float32Array.from({ length: n * d }, (_, t) => Math.sin(t * 0.37) * 2 + Math.cos(t * 0.071) + (t % 5 === 0 ? 1.5 : 0)) };
    const start = tf.memory().numTensors;
    for (const kind of SIMILARITIES) {
      const want = topSimilar(x, 10, kind);
      for (const blockSize of [64, 512]) {
        const got = topSimilar(x, 10, kind, { product: engineRowProducts, blockSize });
        expect(got.indptr).toEqual(want.indptr);
        expect(got.indices).toEqual(want.indices);
      }
    }
    expect(tf.memory().numTensors).toBe(start);
  });
});
