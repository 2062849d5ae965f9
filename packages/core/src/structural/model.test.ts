import { beforeAll, describe, expect, it } from '@jest/globals';
import { initEngine, tf } from '@scbench/engine';
import { createRng } from '@scbench/numerics';
import { inputStats, structuralAutoencoder } from './model.ts';
import { maxAbsDiff, tinyCounts } from './test-helpers.ts';

beforeAll(async () => {
  await initEngine({ backend: 'wasm' });
});

describe('structural autoencoder', () => {
  const x = tinyCounts(12, 7, 3);

  it('has the original shape D → 256 → 16 → 256 → D with biases', () => {
    const ae = structuralAutoencoder(7, createRng(1, 'mulberry32'));
    expect(ae.variables.map((v) => v.shape)).toEqual([[7, 256], [256], [256, 16], [16], [16, 256], [256], [256, 7], [7]]);
    ae.dispose();
  });

  it('the product form equals the layer-by-layer AE in value and gradients', () => {
    const ae = structuralAutoencoder(7, createRng(2, 'mulberry32'), { hidden: 5, latent: 3 });
    const stats = inputStats(x);
    const start = tf.memory().numTensors;
    const xt = tf.tensor2d(x.data, [12, 7]);
    const explicit = () => {
      const [e1, e2] = ae.encoder;
      const [d1, d2] = ae.decoder;
      const h = e2.apply(e1.apply(xt));
      return tf.mean(tf.squaredDifference(d2.apply(d1.apply(h)), xt)) as tf.Scalar;
    };
    const fast = () => ae.reconstructionMse(xt, ae.encode(xt), stats);
    const one = () => {
      const { h, xv } = ae.encodeWithProjection(xt);
      expect(xv).not.toBeNull();
      return ae.reconstructionMse(xt, h, stats, xv);
    };
    const a = tf.variableGrads(explicit, ae.variables as tf.Variable[]);
    const b = tf.variableGrads(fast, ae.variables as tf.Variable[]);
    const c = tf.variableGrads(one, ae.variables as tf.Variable[]);
    expect(Math.abs(a.value.dataSync()[0] - c.value.dataSync()[0])).toBeLessThan(1e-5 * Math.abs(a.value.dataSync()[0]));
    for (const v of ae.variables) {
      const ga = a.grads[v.name].dataSync();
      expect(maxAbsDiff(ga, c.grads[v.name].dataSync())).toBeLessThan(1e-4 * Math.max(...Array.from(ga, Math.abs)) + 1e-7);
    }
    tf.dispose([c.value, ...Object.values(c.grads)]);
    const scale = Math.abs(a.value.dataSync()[0]);
    expect(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0])).toBeLessThan(1e-5 * scale);
    for (const v of ae.variables) {
      const ga = a.grads[v.name].dataSync();
      const gb = b.grads[v.name].dataSync();
      const mag = Math.max(...Array.from(ga, Math.abs));
      expect(maxAbsDiff(ga, gb)).toBeLessThan(1e-4 * mag + 1e-7);
    }
    tf.dispose([xt, a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
    expect(tf.memory().numTensors).toBe(start);
    ae.dispose();
  });

  it('saves and restores a checkpoint', () => {
    const ae = structuralAutoencoder(7, createRng(4, 'mulberry32'), { hidden: 4, latent: 2 });
    const saved = ae.save();
    ae.variables[0].assign(tf.zerosLike(ae.variables[0]));
    ae.restore(saved);
    expect(Array.from(ae.variables[0].dataSync())).toEqual(Array.from(saved[0]));
    ae.dispose();
  });

  it('evaluates layer by layer with a non-linear activation', () => {
    const ae = structuralAutoencoder(7, createRng(5, 'mulberry32'), { hidden: 4, latent: 2, activation: 'leakyrelu' });
    expect(ae.linear).toBe(false);
    const v = tf.tidy(() => {
      const xt = tf.tensor2d(x.data, [12, 7]);
      return ae.reconstructionMse(xt, ae.encode(xt), inputStats(x)).dataSync()[0];
    });
    expect(Number.isFinite(v)).toBe(true);
    ae.dispose();
  });
});
