/**
 * What the normalised-cut term pulls the code toward, before any training. Maximising tr(zᵀMz) with zᵀz ≈ I (the NCut
 * and orthogonality terms) is solved by the top `latent` eigenvectors of the deflated mixed graph M; this script
 * computes them (subspace iteration on M + I, then Rayleigh–Ritz) for several graph settings and prints the ARI of
 * k-means (n_init 10, seed 0) on them — raw (U·√N), and on the unit sphere (rows(U), as z_f) — beside PCA 16 of the
 * same input. Labels are used only to score.
 *
 *   npx tsx tools/bench/scllm-dsc/ncut-target.ts [--dataset pbmc3k] [--input hvg-log] [--ks 15,30,50]
 *       [--balancers 0.21,1,0] [--iters 400] [--latent 16] [--complete]
 *
 * `--complete` adds the original's complete cosine graph (factored form).
 */
import { parseArgs } from 'node:util';
import type { Matrix } from '@scbench/api';
import { structuralGraph, structuralInput, INPUT_TRANSFORMS, type InputTransform, type StructuralGraph } from '@scbench/core/structural';
import { initEngine, tf } from '@scbench/engine';
import { scoreAll } from '@scbench/metrics';
import { householderQr, jacobiSvd, kmeans, pca } from '@scbench/numerics';
import { loadForRun } from './common.ts';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'pbmc3k' },
    input: { type: 'string', default: 'hvg-log' },
    ks: { type: 'string', default: '15,30,50' },
    balancers: { type: 'string', default: '0.21' },
    iters: { type: 'string', default: '400' },
    latent: { type: 'string', default: '16' },
    complete: { type: 'boolean', default: false },
  },
});
if (!(INPUT_TRANSFORMS as readonly string[]).includes(args.input!)) throw new Error(`--input must be one of ${INPUT_TRANSFORMS.join(', ')}`);
await initEngine();
const { dataset, truth } = await loadForRun(args.dataset!);
const { x } = structuralInput(dataset, { transform: args.input as InputTransform });
const n = x.rows;
const d = Number(args.latent);
const iters = Number(args.iters);
const k = dataset.nClusters;
console.log(`${dataset.id}: ${n} cells × ${x.cols} (${args.input}), k = ${k}; top ${d} eigenvectors of the deflated M, ${iters} subspace iterations`);

const ari = (m: Matrix): string => scoreAll(truth.labels, kmeans(m, k, { nInit: 10, seed: 0 }).labels).ari.toFixed(3);
const rowsOf = (m: Matrix): Matrix => {
  const out = Float32Array.from(m.data);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) s += out[i * m.cols + j] ** 2;
    const r = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < m.cols; j++) out[i * m.cols + j] *= r;
  }
  return { rows: m.rows, cols: m.cols, data: out };
};

/** (M + I)·Y on float64 row-major N×d, through the graph's operator. */
function shifted(g: StructuralGraph, y: Float64Array): Float64Array {
  const out = tf.tidy(() => g.apply(tf.tensor2d(Float32Array.from(y), [n, d])).dataSync() as Float32Array);
  return Float64Array.from(out, (v, t) => v + y[t]);
}

/** Top-d eigenpairs of M by subspace iteration on M + I (spectrum in [0, 2]) and a final Rayleigh–Ritz step. */
function topEigen(g: StructuralGraph): { u: Matrix; values: number[] } {
  let q: Float64Array = new Float64Array(n * d);
  let s = 12345;
  for (let t = 0; t < q.length; t++) q[t] = ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  q = householderQr(q, n, d).q;
  for (let it = 0; it < iters; it++) q = householderQr(shifted(g, q), n, d).q;
  const mq = shifted(g, q);
  const b = new Float64Array(d * d); // Qᵀ(M + I)Q: symmetric, positive semi-definite
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) b[a * d + c] += q[i * d + a] * mq[i * d + c];
  const { v, s: sv } = jacobiSvd(b, d, d);
  const u = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) {
    let acc = 0;
    for (let a = 0; a < d; a++) acc += q[i * d + a] * v[a * d + c];
    u[i * d + c] = acc * Math.sqrt(n);
  }
  return { u: { rows: n, cols: d, data: u }, values: Array.from(sv, (e) => e - 1) };
}

const h = pca(x, d, { seed: 0 }).scores;
console.log(`  PCA ${d} of the input: h ${ari(h)}, rows(h) ${ari(rowsOf(h))}`);
const settings: { name: string; form: 'sparse' | 'factored'; k?: number; b: number }[] = [];
for (const b of args.balancers!.split(',').map(Number)) {
  if (args.complete) settings.push({ name: `complete cosine, b ${b}`, form: 'factored', b });
  for (const kk of args.ks!.split(',').map(Number)) settings.push({ name: `kNN k ${kk}, b ${b}`, form: 'sparse', k: kk, b });
}
for (const st of settings) {
  const t0 = performance.now();
  const g = structuralGraph(x, { form: st.form, balancer: st.b, k: st.k, deflate: true, seed: 0 });
  try {
    const { u, values } = topEigen(g);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`  ${st.name.padEnd(26)} U ${ari(u)}, rows(U) ${ari(rowsOf(u))}; eigenvalues ${values[0].toFixed(3)} … ${values[d - 1].toFixed(3)} [${secs} s]`);
  } finally {
    g.dispose();
  }
}
