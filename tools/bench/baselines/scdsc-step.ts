/**
 * One full-batch scDSC training step on random data, for the step benchmarks (`scdsc-step-memory.ts`,
 * `scdsc-step-time.ts`): N cells × G genes (80 % zeros, counts 1–4), a top-10 'p' graph on 20 random features, the
 * default layer sizes, and the paper loss (0.1·BCE(Q,P) + 0.01·KL + MSE + 0.1·ZINB). `step()` runs the forward
 * pass and the gradients of every variable, and frees them (no optimiser update).
 */
import { bce, decTarget, klDivergence, sparseMatrix, tf } from '@scbench/engine';
import { createRng, similarityGraph } from '@scbench/numerics';
import { sdcnModel } from '@scbench/baseline-scdsc';

export function scdscStep(cells: number, genes: number, clusters: number, recompute: boolean): () => void {
  const rng = createRng(0);
  const counts = Float32Array.from({ length: cells * genes }, () => (rng.uniform() < 0.8 ? 0 : Math.floor(rng.uniform() * 5)));
  const x = tf.tidy(() => tf.log1p(tf.tensor2d(counts, [cells, genes])));
  const c = tf.tensor2d(counts, [cells, genes]);
  const sf = tf.ones([cells]) as tf.Tensor1D;
  const features = { rows: cells, cols: 20, data: Float32Array.from({ length: cells * 20 }, () => rng.uniform()) };
  const adj = sparseMatrix(similarityGraph(features, 10, 'p'));
  const model = sdcnModel(genes, [500, 500, 2000], 10, clusters, rng);
  return () => {
    const { value, grads } = tf.variableGrads(() => {
      const f = model.trainingPass(x, c, sf, adj, recompute);
      const target = decTarget(f.q);
      return tf.addN([tf.mul(bce(f.q, target), 0.1), tf.mul(klDivergence(target, f.predict), 0.01), f.mse, tf.mul(f.zinb, 0.1)]) as tf.Scalar;
    }, model.variables as tf.Variable[]);
    value.dispose();
    for (const t of Object.values(grads)) t.dispose();
  };
}
