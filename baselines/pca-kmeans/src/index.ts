import { defineMethod, defineParams, integer, positiveInt, real } from '@scbench/api';
import { standardPipeline } from '@scbench/datasets';
import { kmeans, pca } from '@scbench/numerics';

/**
 * The classical pipeline (scanpy's standard recipe, METHODS.md §5.1): normalise to 1e4 per cell → log1p →
 * 2000 Seurat-dispersion HVGs → z-score clipped at 10 → PCA 50 → k-means++ with 20 restarts.
 * Steps that do not apply to the dataset's value type are skipped by `standardPipeline` (log-normalised data are
 * not normalised again; scaled data go straight to PCA).
 */
/** Every value checked before any data loads (a negative nInit or nPcs is a usage error, not a failed run). */
const PARAMS = defineParams({
  targetSum: real(1e4, { above: 0 }),
  nTopGenes: positiveInt(2000),
  scaleClip: real(10, { above: 0 }),
  nPcs: positiveInt(50),
  nInit: positiveInt(20),
  maxIter: integer(300, { min: 1 }),
});

export const pcaKmeans = defineMethod({
  id: 'pca-kmeans',
  label: 'PCA + k-means',
  summary: 'normalize → log1p → 2000 HVG → scale → PCA 50 → k-means++ (n_init 20)',
  reference: {
    paper: 'MacQueen 1967; Arthur & Vassilvitskii 2007 (k-means++); pipeline as in Wolf et al. 2018 (Scanpy)',
    repo: 'ttgump/scDeepCluster (code/competing_method/PCA_kmeans.py)',
  },
  kind: 'classical',
  // One run on a cluster (Slurm executor): at most 2.3 GB and 31 s measured over the shared datasets (<= 8,617 cells).
  resources: { memGb: 4, cpus: 2, minutes: 30 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { nInit: 3 },
  run: async (data, p, ctx) => {
    ctx.progress('preprocess', 0, 3);
    const x = standardPipeline(data, { targetSum: p.targetSum, hvg: p.nTopGenes, maxValue: p.scaleClip }).data;
    ctx.progress('pca', 1, 3);
    const { scores } = pca(x, Math.min(p.nPcs, x.rows - 1, x.cols), { seed: ctx.seed });
    ctx.progress('k-means', 2, 3);
    const km = kmeans(scores, data.nClusters, { nInit: p.nInit, maxIter: p.maxIter, seed: ctx.seed });
    ctx.log('kmeans', { inertia: km.inertia, iterations: km.iterations });
    return { labels: km.labels, embedding: scores };
  },
});
