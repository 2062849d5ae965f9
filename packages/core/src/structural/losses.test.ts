import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { structuralGraph } from './graphs.ts';
import { entropyTerm, graphTrace, normaliseEmbedding, spectralParts, targetLoss, weightedTotal } from './losses.ts';
import { maxAbsDiff, tinyCounts } from './test-helpers.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('structural losses', () => {
  const x = tinyCounts(10, 6, 5);
  const zData = Float32Array.from({ length: 10 * 4 }, (_, t) => Math.cos(0.7 * t));

  it('graphTrace equals −tr(zᵀMz)/d and its gradient equals autodiff through M·z', () => {
    const g = structuralGraph(x, { form: 'dense', balancer: 0.3 });
    const m = tf.tidy(() => g.apply(tf.eye(10) as tf.Tensor2D)); // M itself (symmetric)
    const start = tf.memory().numTensors;
    const z = tf.tensor2d(zData, [10, 4]);
    const custom = tf.valueAndGrad((t: tf.Tensor) => graphTrace(t as tf.Tensor2D, g))(z);
    const plain = tf.valueAndGrad((t: tf.Tensor) => tf.neg(tf.div(tf.sum(tf.mul(t, tf.matMul(m, t as tf.Tensor2D))), 4)) as tf.Scalar)(z);
    expect(custom.value.dataSync()[0]).toBeCloseTo(plain.value.dataSync()[0], 5);
    expect(maxAbsDiff(custom.grad.dataSync(), plain.grad.dataSync())).toBeLessThan(1e-5);
    tf.dispose([z, custom.value, custom.grad, plain.value, plain.grad]);
    expect(tf.memory().numTensors).toBe(start);
    m.dispose();
    g.dispose();
  });

  it('normalises rows, columns, or rows then columns', () => {
    tf.tidy(() => {
      const h = tf.tensor2d(zData, [10, 4]);
      const col = normaliseEmbedding(h, 'column');
      expect(maxAbsDiff(tf.norm(col, 'euclidean', 0).dataSync(), [1, 1, 1, 1])).toBeLessThan(1e-5);
      const row = normaliseEmbedding(h, 'row');
      expect(maxAbsDiff(tf.norm(row, 'euclidean', 1).dataSync(), new Array(10).fill(1))).toBeLessThan(1e-5);
      const both = normaliseEmbedding(h, 'row+column');
      expect(maxAbsDiff(tf.norm(both, 'euclidean', 0).dataSync(), [1, 1, 1, 1])).toBeLessThan(1e-5);
      expect(normaliseEmbedding(tf.zeros([3, 2]), 'column').dataSync().every((v) => v === 0)).toBe(true);
    });
  });

  it("the paper KL is KLDivLoss(sum) fed probabilities: Σ P(log P − Q); 'kl' is the true KL", () => {
    tf.tidy(() => {
      const q = tf.tensor2d([[0.7, 0.3], [0.2, 0.8]]);
      const p = tf.tensor2d([[1, 0], [0.4, 0.6]]);
      const want = 1 * (0 - 0.7) + 0 + 0.4 * (Math.log(0.4) - 0.2) + 0.6 * (Math.log(0.6) - 0.8);
      expect(targetLoss(q, p, 'paper').dataSync()[0]).toBeCloseTo(want, 5);
      expect(targetLoss(q, p, 'paper', entropyTerm(p.dataSync())).dataSync()[0]).toBeCloseTo(want, 5);
      const kl = Math.log(1 / 0.7) + 0.4 * Math.log(0.4 / 0.2) + 0.6 * Math.log(0.6 / 0.8);
      expect(targetLoss(q, p, 'kl').dataSync()[0]).toBeCloseTo(kl, 4);
      // 'batchmean' divides either form by the number of cells (2 here), so f_KL no longer scales with N.
      expect(targetLoss(q, p, 'kl', undefined, 'batchmean').dataSync()[0]).toBeCloseTo(kl / 2, 4);
      expect(targetLoss(q, p, 'paper', undefined, 'batchmean').dataSync()[0]).toBeCloseTo(want / 2, 5);
    });
  });

  it('the weighted total is finite, lets gradients reach every variable, and keeps zero weights as 0·part', () => {
    const g = structuralGraph(x, { form: 'factored', balancer: 0.05 });
    const w = tf.variable(tf.tensor2d(zData.slice(0, 24), [6, 4]));
    const start = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const z = normaliseEmbedding(tf.matMul(tf.tensor2d(x.data, [10, 6]), w), 'column');
      const parts = spectralParts(z, g);
      return weightedTotal(parts, { cov: 0.6, ort: 0 });
    }, [w]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const gw = grads[w.name].dataSync();
    expect(gw.every(Number.isFinite) && gw.some((v) => v !== 0)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(start);
    w.dispose();
    g.dispose();
  });
});
