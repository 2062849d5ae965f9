/**
 * How much cell-type signal does the semantic view carry on its own? For one dataset, builds path 1 (expression-
 * weighted gene-description embeddings, the bundled USE-lite encoder through the disk cache) under several gene
 * weightings and prints the ARI of standardise → PCA 16 → k-means (n_init 10, seed 0) on each, beside the same
 * read-out on the expression itself, and path 1 with its gene vectors whitened or replaced by random ones (the control
 * that tells what the descriptions add). Labels are used only to score. Evidence for reports/findings/README.md.
 *
 *   npx tsx tools/bench/scllm-dsc/text-view.ts [--dataset pbmc3k] [--cache .scbench-cache]
 */
import { parseArgs } from 'node:util';
import type { Matrix } from '@scbench/api';
import { bundledEncoder, geneEmbeddings, geneVectors, knowledgeDescriber, normalisedWeights, requireGeneNames, topGenes, weightedPath } from '@scbench/core';
import { scale, standardPipeline, toDense } from '@scbench/datasets';
import { scoreAll } from '@scbench/metrics';
import { kmeans, pca } from '@scbench/numerics';
import { diskCache } from '@scbench/runner';
import { loadForRun } from './common.ts';

const { values: args } = parseArgs({ options: { dataset: { type: 'string', default: 'pbmc3k' }, cache: { type: 'string', default: '.scbench-cache' } } });
const { dataset, truth } = await loadForRun(args.dataset!);
const data = requireGeneNames(dataset);
const genes = await geneEmbeddings(data, { encoder: await bundledEncoder(), describer: knowledgeDescriber({}), cache: diskCache(args.cache!) });
const e = genes.matrix;
console.log(`${dataset.id}: ${dataset.counts.rows} cells, k = ${dataset.nClusters}; ${genes.knownCount} of ${e.rows} genes described (${e.cols}-d)`);

function ari(m: Matrix, name: string): void {
  const pcs = pca(scale(m, { maxValue: null }).data as Matrix, Math.min(16, m.cols - 1), { seed: 0 }).scores;
  const labels = kmeans(pcs, dataset.nClusters, { nInit: 10, seed: 0 }).labels;
  console.log(`  ${name.padEnd(58)} ARI ${scoreAll(truth.labels, labels).ari.toFixed(3)}`);
}

/** Σ_g w_ig·e_g over described genes (columns of w are dataset genes `index`), divided by Σ|w| when `mean`. */
function weighted(w: Matrix, index: Int32Array, mean: boolean): Matrix {
  const d = e.cols;
  const out = new Float32Array(w.rows * d);
  for (let i = 0; i < w.rows; i++) {
    let total = 0;
    for (let c = 0; c < w.cols; c++) {
      const v = w.data[i * w.cols + c];
      const g = index[c];
      if (v === 0 || !genes.known[g]) continue;
      total += Math.abs(v);
      for (let t = 0; t < d; t++) out[i * d + t] += v * e.data[g * d + t];
    }
    if (mean && total > 0) for (let t = 0; t < d; t++) out[i * d + t] /= total;
  }
  return { rows: w.rows, cols: d, data: out };
}

const hvg = standardPipeline(dataset, { hvg: 2000, scale: false });
const logHvg = toDense(hvg.data) as Matrix;
const z = scale(logHvg, { maxValue: 10 }).data as Matrix;
const positive = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.map((v) => (v > 0 ? v : 0)) });
console.log('reference (the expression):');
ari(logHvg, '2,000 HVG, log-normalised');
console.log('the semantic view, path 1:');
const top = normalisedWeights(topGenes(dataset.counts, 2048), dataset);
ari(weightedPath(top, genes, 'mean').z, "scLLM-DSC corrected ('mean' over the top 2,048 genes)");
ari(weightedPath(top, geneVectors(e, genes.known, 'whitened'), 'mean').z, '… the same, gene embeddings whitened (geneVectors=whitened)');
ari(weightedPath(top, geneVectors(e, genes.known, 'random'), 'mean').z, '… the same, random gene vectors (the no-knowledge control)');
ari(weighted(logHvg, hvg.geneIndex, true), 'HVG only, log weights, mean');
ari(weighted(logHvg, hvg.geneIndex, false), 'HVG only, log weights, sum');
ari(weighted(positive(z), hvg.geneIndex, true), 'HVG only, positive z-scores (over-expressed genes), mean');
ari(weighted(z, hvg.geneIndex, false), 'HVG only, z-scores, sum');
