/**
 * Per-part timing of one scLLM-DSC train step at a dataset's sizes (default pbmc3k: 2638 cells × 13714 genes,
 * 512-d text, 128-d heads, k 9) on random data: forward + backward of each term alone, the Adam step, k-means
 * and Sinkhorn. For finding hot spots, not for figures.   npx tsx tools/bench/scllm-dsc/parts.ts [--cells N --genes P]
 */
import { parseArgs } from 'node:util';
import { createOptimizer, denseStack, infoNce, initEngine, l2NormalizeRows, studentT, klDivergence, tf, toMatrix } from '@scbench/engine';
import { createRng, kmeans, sinkhornBalance } from '@scbench/numerics';
import { orthogonality } from '@scbench/engine';
import { inputStats, structuralAutoencoder, structuralGraph, graphTrace, normaliseEmbedding } from '@scbench/core/structural';

const { values: a } = parseArgs({ options: { cells: { type: 'string', default: '2638' }, genes: { type: 'string', default: '13714' }, reps: { type: 'string', default: '5' } } });
const n = Number(a.cells);
const p = Number(a.genes);
const reps = Number(a.reps);
await initEngine();
const rng = createRng(0, 'mulberry32');
const x = { rows: n, cols: p, data: Float32Array.from({ length: n * p }, () => (rng.uniform() < 0.07 ? Math.log1p(1 + Math.floor(rng.uniform() * 5)) : 0)) };
const time = (name: string, f: () => void) => {
  f();
  const ts: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  ts.sort((u, v) => u - v);
  console.log(`${name.padEnd(38)} ${ts[Math.floor(ts.length / 2)].toFixed(1).padStart(8)} ms (min ${ts[0].toFixed(1)})`);
};
const ae = structuralAutoencoder(p, createRng(1, 'mulberry32'));
const stats = inputStats(x);
const xt = tf.tensor2d(x.data, [n, p]);
const t0 = performance.now();
const graph = structuralGraph(x, { form: 'factored', balancer: 0.21 });
console.log(`graph build ${(performance.now() - t0).toFixed(0)} ms`);
const grad = (vars: tf.Variable[], loss: () => tf.Scalar) => tf.tidy(() => { const g = tf.variableGrads(loss, vars); Object.values(g.grads).forEach((t) => t.dataSync()); });
time('AE encode+mse fwd+bwd (4 passes)', () => grad(ae.variables as tf.Variable[], () => ae.reconstructionMse(xt, ae.encode(xt), stats)));
time('AE encode+mse fwd+bwd (2 passes)', () => grad(ae.variables as tf.Variable[], () => { const { h, xv } = ae.encodeWithProjection(xt); return ae.reconstructionMse(xt, h, stats, xv); }));
const h0 = tf.variable(tf.randomNormal([n, 16]) as tf.Tensor2D);
time('graph trace (M·z) fwd+bwd', () => grad([h0], () => graphTrace(normaliseEmbedding(h0, 'row+column'), graph)));
time('orthogonality fwd+bwd', () => grad([h0], () => orthogonality(normaliseEmbedding(h0, 'row+column'))));
const text = tf.randomNormal([n, 512]) as tf.Tensor2D;
const headF = denseStack([16, 128, 128], rng, { activation: 'relu', init: 'torch' });
const headT = denseStack([512, 128, 128], rng, { activation: 'relu', init: 'torch' });
const hv = [...headF.variables, ...headT.variables];
time('heads fwd+bwd (sum)', () => grad(hv, () => tf.add(tf.sum(headF.apply(l2NormalizeRows(h0))), tf.sum(headT.apply(text))) as tf.Scalar));
time('infoNce fwd+bwd', () => grad(hv, () => infoNce(l2NormalizeRows(headT.apply(text)), l2NormalizeRows(headF.apply(l2NormalizeRows(h0))), 0.1)));
// The forms before the 2026-11-22 changes, for comparison: log-softmax InfoNCE and the two-factor graph product.
const oldInfoNce = (u: tf.Tensor2D, v: tf.Tensor2D, t: number): tf.Scalar => {
  const s = tf.div(tf.matMul(u, v, false, true), t);
  const eye = tf.eye(n);
  const rows = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(s, 1), eye)), n));
  const cols = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(tf.transpose(s), 1), eye)), n));
  return tf.mul(0.5, tf.add(rows, cols)) as tf.Scalar;
};
time('infoNce (log-softmax form) fwd+bwd', () => grad(hv, () => oldInfoNce(l2NormalizeRows(headT.apply(text)), l2NormalizeRows(headF.apply(l2NormalizeRows(h0))), 0.1)));
const r = tf.tensor2d(Float32Array.from({ length: n }, () => 1 / Math.sqrt(p)), [n, 1]);
time('A₁·z two-factor form (32 + 16 cols)', () => tf.tidy(() => {
  const a1 = (v: tf.Tensor2D) => tf.mul(r, tf.matMul(xt, tf.matMul(xt, tf.mul(r, v) as tf.Tensor2D, true, false)));
  a1(tf.randomNormal([n, 32])).dataSync();
  a1(tf.randomNormal([n, 16])).dataSync();
}));
const c = tf.variable(tf.randomNormal([9, 128]) as tf.Tensor2D);
const zf = tf.variable(tf.randomNormal([n, 128]) as tf.Tensor2D);
const pt = tf.softmax(tf.randomNormal([n, 9]));
time('studentT + kl fwd+bwd', () => grad([zf], () => klDivergence(pt as tf.Tensor2D, studentT(zf, c, 1), 'sum')));
const opt = createOptimizer({ kind: 'adam', lr: 1e-3 });
const gs = ae.variables.map((v) => tf.zerosLike(v));
time('Adam step (AE, 7M params)', () => { tf.tidy(() => opt.step(ae.variables as tf.Variable[], gs)); ae.variables[0].dataSync(); });
const zm = toMatrix(zf);
const init = kmeans(zm, 9, { nInit: 1, seed: 0 });
time('k-means warm (128-d)', () => void kmeans(zm, 9, { init: init.centers, seed: 0 }));
const q = toMatrix(tf.softmax(tf.randomNormal([n, 9])));
time('Sinkhorn (1000 it)', () => void sinkhornBalance(q, new Float64Array(9).fill(n / 9), { power: 5 }));
time('toMatrix N×128', () => void toMatrix(zf));
