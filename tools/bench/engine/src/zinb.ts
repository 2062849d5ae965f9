/**
 * The ZINB NLL's value + gradients, as scDeepCluster's step needs them: the engine's `zinbNll` (one float64 loop per
 * pass over the entries) against the op form differentiated by autodiff (what it replaced), interleaved on the same
 * inputs so both see the same load. Counts: the first `--rows` cells of a shared dataset (pbmc3k: 13,714 genes,
 * ~94 % zeros), μ/θ/π drawn as a decoder would give them, size factors from the library sizes.
 *
 *   npx tsx tools/bench/engine/src/zinb.ts [--dataset pbmc3k] [--rows 256] [--reps 5]
 *
 * Prints the median per pass of each and their ratio.
 */
import { parseArgs } from 'node:util';
import { densify, initEngine, tf, zinbNll } from '@scbench/engine';
import { zinbNllOpForm } from '@scbench/engine/bench';
import { createRng } from '@scbench/numerics';
import { loadForRun } from '@scbench/runner';

const { values } = parseArgs({ options: { dataset: { type: 'string', default: 'pbmc3k' }, rows: { type: 'string', default: '256' }, reps: { type: 'string', default: '5' } } });
const reps = Number(values.reps);
if (!(reps >= 1)) throw new Error('usage: zinb.ts [--dataset ID] [--rows N] [--reps R ≥ 1]');
const info = await initEngine();
const { dataset } = await loadForRun(values.dataset!);
const n = Math.min(Number(values.rows), dataset.counts.rows);
const g = dataset.counts.cols;
const all = 'indptr' in dataset.counts ? densify(dataset.counts) : dataset.counts.data;
const counts = Float32Array.from(all.subarray(0, n * g));
const zeros = counts.reduce((z, v) => z + (v === 0 ? 1 : 0), 0) / counts.length;
const rng = createRng(0);
const draw = (f: () => number): tf.Tensor2D => tf.tensor2d(Float32Array.from({ length: n * g }, f), [n, g]);
const x = tf.tensor2d(counts, [n, g]);
const mean = draw(() => Math.exp(rng.normal() - 1));
const theta = draw(() => 0.1 + 2 * rng.uniform());
const pi = draw(() => 0.05 + 0.9 * rng.uniform());
const lib = Array.from({ length: n }, (_, i) => counts.subarray(i * g, (i + 1) * g).reduce((a, b) => a + b, 0));
const meanLib = lib.reduce((a, b) => a + b, 0) / n;
const sf = tf.tensor1d(lib.map((l) => l / meanLib));

function pass(which: 'engine' | 'op form'): number {
  const t0 = performance.now();
  tf.tidy(() => {
    const f = (m: tf.Tensor, t: tf.Tensor, p: tf.Tensor): tf.Scalar =>
      which === 'engine' ? zinbNll(x, m, t, p, { sizeFactors: sf }) : zinbNllOpForm(x, m, t, p, sf, 0);
    const { value, grads } = tf.valueAndGrads(f)([mean, theta, pi]);
    value.dataSync();
    for (const gr of grads) gr.dataSync();
  });
  return performance.now() - t0;
}

const times: Record<'engine' | 'op form', number[]> = { engine: [], 'op form': [] };
for (let r = 0; r <= reps; r++) {
  for (const which of ['engine', 'op form'] as const) {
    const ms = pass(which);
    if (r > 0) times[which].push(ms); // the first pass of each is warm-up
  }
}
const median = (a: number[]): number => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
console.log(`${dataset.id}: ${n} cells × ${g} genes, ${(100 * zeros).toFixed(1)} % zeros, backend ${info.name}`);
for (const which of ['engine', 'op form'] as const) console.log(`${which}: value + gradients ${median(times[which]).toFixed(0)} ms (median of ${reps})`);
console.log(`ratio op form / engine ${(median(times['op form']) / median(times.engine)).toFixed(2)}`);
