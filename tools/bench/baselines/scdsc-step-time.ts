/**
 * Wall and CPU seconds of full-batch scDSC training steps (forward + gradients of the paper loss, no optimiser) on
 * random data, N cells × G genes with the default layer sizes: the figure engine changes to the step are judged by.
 * CPU time is the one to compare on a loaded machine (wall time moves with the load). To compare two commits in one
 * sitting, run it from a worktree of each (`git worktree add`, node_modules linked, @scbench/* pointing into it).
 *
 *   SCBENCH_THREADS=1 npx tsx tools/bench/baselines/scdsc-step-time.ts [--cells 8617] [--genes 391] [--recompute] [--steps 5]
 */
import { parseArgs } from 'node:util';
import { bce, decTarget, initEngine, klDivergence, sparseMatrix, tf } from '@scbench/engine';
import { createRng, similarityGraph } from '@scbench/numerics';
import { sdcnModel } from '@scbench/baseline-scdsc';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '8617' },
    genes: { type: 'string', default: '391' },
    recompute: { type: 'boolean', default: false },
    steps: { type: 'string', default: '5' },
  },
});
const n = Number(values.cells);
const g = Number(values.genes);
const steps = Number(values.steps);
if (!(n > 10 && g > 1 && steps >= 1)) throw new Error('usage: scdsc-step-time.ts [--cells N>10] [--genes G>1] [--recompute] [--steps S≥1]');
const backend = await initEngine();
const rng = createRng(0);
const counts = Float32Array.from({ length: n * g }, () => (rng.uniform() < 0.8 ? 0 : Math.floor(rng.uniform() * 5)));
const x = tf.tidy(() => tf.log1p(tf.tensor2d(counts, [n, g])));
const c = tf.tensor2d(counts, [n, g]);
const sf = tf.ones([n]) as tf.Tensor1D;
const adj = sparseMatrix(similarityGraph({ rows: n, cols: 20, data: Float32Array.from({ length: n * 20 }, () => rng.uniform()) }, 10, 'p'));
const model = sdcnModel(g, [500, 500, 2000], 10, 15, rng);
console.log(`scdsc step ${n} × ${g}${values.recompute ? ' (recompute)' : ''}, ${backend.name}, ${backend.threads} thread(s), load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let s = 0; s <= steps; s++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { value, grads } = tf.variableGrads(() => {
    const f = model.trainingPass(x, c, sf, adj, values.recompute);
    const target = decTarget(f.q);
    return tf.addN([tf.mul(bce(f.q, target), 0.1), tf.mul(klDivergence(target, f.predict), 0.01), f.mse, tf.mul(f.zinb, 0.1)]) as tf.Scalar;
  }, model.variables as tf.Variable[]);
  value.dispose();
  for (const t of Object.values(grads)) t.dispose();
  const cpu = process.cpuUsage(c0);
  // Step 0 warms the kernels and sessions up and is not reported.
  if (s > 0) console.log(`step ${s}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
}
