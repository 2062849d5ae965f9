import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, sparseMatrix, tf } from '@scbench/engine';
import { createRng, similarityGraph } from '@scbench/numerics';
import { recomputes, RECOMPUTE_ABOVE, scdsc } from './index.ts';
import { sdcnModel } from './model.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm-ort', threads: 2 });
});

describe('sdcnModel.trainingPass', () => {
  it('gives the same loss and gradients with and without gradient checkpointing (heads in several row chunks)', () => {
    // 1,500 cells: the heads' checkpoints take 1,024 rows, so the row-chunked path is exercised.
    const n = 1500;
    const g = 12;
    const rng = createRng(4);
    const counts = tf.tensor2d(Float32Array.from({ length: n * g }, () => (rng.uniform() < 0.6 ? 0 : Math.floor(rng.uniform() * 6))), [n, g]);
    const x = tf.log1p(counts) as tf.Tensor2D;
    const sf = tf.tensor1d(Float32Array.from({ length: n }, () => 0.5 + rng.uniform()));
    const adj = sparseMatrix(similarityGraph({ rows: n, cols: 3, data: Float32Array.from({ length: n * 3 }, () => rng.uniform()) }, 5, 'p'));
    const model = sdcnModel(g, [8, 8, 16], 4, 3, createRng(1));
    tf.tidy(() => model.centres.assign(tf.randomNormal([3, 4], 0, 1, 'float32', 3)));
    const step = (recompute: boolean): { value: number; grads: Float32Array[]; runMean: Float32Array } => {
      // Each pass starts from the same running statistics, so their single update can be compared too.
      for (const s of model.state ?? []) s.assign(tf.zerosLike(s));
      const { value, grads } = tf.variableGrads(() => {
        const f = model.trainingPass(x, counts as tf.Tensor2D, sf, adj, recompute);
        return tf.addN([tf.sum(tf.mul(f.q, f.predict)), f.mse, tf.mul(f.zinb, 0.1)]) as tf.Scalar;
      }, model.variables as tf.Variable[]);
      const out = { value: value.dataSync()[0], grads: model.variables.map((v) => grads[v.name].dataSync() as Float32Array), runMean: model.state![0].dataSync() as Float32Array };
      return out;
    };
    const plain = step(false);
    const checked = step(true);
    expect(checked.value).toBeCloseTo(plain.value, 4);
    // One scale for all: the biases before BatchNorm have a zero gradient in exact arithmetic (rounding noise here).
    const scale = Math.max(...plain.grads.flatMap((a) => Array.from(a, Math.abs)));
    plain.grads.forEach((a, i) => a.forEach((v, j) => expect(Math.abs(checked.grads[i][j] - v) / scale).toBeLessThan(1e-4)));
    expect(Array.from(checked.runMean)).toEqual(Array.from(plain.runMean));
  });

  it('recompute=auto checkpoints above RECOMPUTE_ABOVE cells × (genes + layer widths) only', () => {
    const auto = { ...scdsc.defaults, recompute: 'auto' as const, enc1: 10, enc2: 20, enc3: 30 };
    expect(recomputes(auto, 1000, RECOMPUTE_ABOVE / 1000 - 60)).toBe(false);
    expect(recomputes(auto, 1001, RECOMPUTE_ABOVE / 1000 - 60)).toBe(true);
    expect(recomputes({ ...auto, recompute: 'always' }, 10, 10)).toBe(true);
    expect(recomputes({ ...auto, recompute: 'never' }, 1e6, 1e4)).toBe(false);
  });
});
