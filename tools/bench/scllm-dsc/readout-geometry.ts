/**
 * What scLLM-DSC's read-out geometry costs before any training: takes a PCA-16 code of the 2,000 HVG log data as a
 * stand-in for the linear AE's h, and prints the ARI of k-means (n_init 10, seed 0) on h, on z_f = rows(h) (the
 * code's F.normalize), on the column-scaled z the structural terms use, and on the structural projection head's
 * output normalise(head(·)) for three random heads (Linear 16→128 → ReLU → Linear 128→128, PyTorch init) — the
 * Ẑf that makes up (1 − β) of the fused read-out Z. Labels are used only to score. `--scaled` takes the code from
 * the scaled HVG log data instead (scanpy's scale: the PCA + k-means pipeline's input, and `input=hvg-scaled`).
 *
 *   npx tsx tools/bench/scllm-dsc/readout-geometry.ts [--dataset pbmc3k] [--scaled]
 */
import { parseArgs } from 'node:util';
import type { Matrix } from '@scbench/api';
import { standardPipeline, toDense } from '@scbench/datasets';
import { denseStack, initEngine, l2NormalizeCols, l2NormalizeRows, tf, toMatrix } from '@scbench/engine';
import { createRng } from '@scbench/numerics';
import { scoreAll } from '@scbench/metrics';
import { kmeans, pca } from '@scbench/numerics';
import { loadForRun } from './common.ts';

const { values: args } = parseArgs({ options: { dataset: { type: 'string', default: 'pbmc3k' }, scaled: { type: 'boolean', default: false } } });
await initEngine();
const { dataset, truth } = await loadForRun(args.dataset!);
const logHvg = toDense(standardPipeline(dataset, { hvg: 2000, scale: args.scaled }).data) as Matrix;
const h = pca(logHvg, 16, { seed: 0 }).scores;
const n = h.rows;
console.log(`${dataset.id}: ${n} cells, k = ${dataset.nClusters}; h = PCA 16 of the 2,000 HVG log data${args.scaled ? ', scaled' : ''}`);
const ari = (m: Matrix, name: string): void => {
  const labels = kmeans(m, dataset.nClusters, { nInit: 10, seed: 0 }).labels;
  console.log(`  ${name.padEnd(44)} ARI ${scoreAll(truth.labels, labels).ari.toFixed(3)}`);
};
tf.tidy(() => {
  const rows = l2NormalizeRows(tf.tensor2d(h.data, [n, 16]));
  const z = tf.mul(l2NormalizeCols(rows), Math.sqrt(n)) as tf.Tensor2D;
  ari(h, 'h');
  const hcols = tf.tensor2d(h.data, [n, 16]);
  ari(toMatrix(tf.mul(l2NormalizeCols(hcols), Math.sqrt(n)) as tf.Tensor2D), "cols(h)·√N ('column', no sphere)");
  ari(toMatrix(rows), 'z_f = rows(h)');
  ari(toMatrix(z), "z = cols(rows(h))·√N ('row+column')");
  for (const seed of [1, 2, 3]) {
    const head = denseStack([16, 128, 128], createRng(seed, 'mulberry32'), { activation: 'relu', init: 'torch' });
    ari(toMatrix(l2NormalizeRows(head.apply(rows))), `Ẑf = normalise(head(z_f)), random head ${seed}`);
    head.variables.forEach((v) => v.dispose());
  }
});
