import { choice, defineMethod, defineParams, nonNegativeInt, positiveInt, real, text, type Clustering, type Context, type Dataset } from '@scbench/api';
import { runScDeepCluster } from '@scbench/baseline-scdeepcluster';
import { isLayerSizes } from '@scbench/engine';

/**
 * scDCC (Tian, Zhang, Li, et al., Nature Communications 2021) without constraints, as ttgump/scDCC runs it with
 * n_pairwise = 0: scDeepCluster's network and two stages (METHODS.md §5.9) with scDCC's difference — the clustering
 * loss weighted by γ once (scDeepCluster applies it twice); float32. Its must-link / cannot-link
 * constraints come from the true labels of a random 10 % of cells: semi-supervision, not offered here (see README).
 */
const PARAMS = defineParams({
  /** Highly variable genes (Seurat flavour) to keep; 0 = all genes, as the original. */
  hvg: nonNegativeInt(0),
  encoder: text('256,64', 'comma-separated positive integers', isLayerSizes),
  latent: positiveInt(32),
  decoder: text('64,256', 'comma-separated positive integers', isLayerSizes),
  sigma: real(2.5, { min: 0 }),
  gamma: real(1, { min: 0 }),
  ridge: real(0, { min: 0 }),
  /** scDCC_pairwise.py:37 at the repository's head (142e4e0); an older version of the script (11e5e59) had 400. */
  pretrainEpochs: positiveInt(300),
  pretrainLr: real(1e-3, { above: 0 }),
  batchSize: positiveInt(256),
  maxEpochs: positiveInt(2000),
  updateInterval: positiveInt(1),
  tol: real(1e-3, { min: 0, max: 1 }),
  clusterLr: real(1, { above: 0 }),
  nInit: positiveInt(20),
  /** Log-normalised datasets: 'expm1' back to counts for the likelihood, or 'as-given' (the stored values). */
  logInput: choice(['expm1', 'as-given']),
});

export type ScDccParams = typeof PARAMS.defaults;

export const scdcc = defineMethod({
  id: 'scdcc',
  label: 'scDCC',
  summary: 'scDeepCluster\'s model and schedule with γ once (scDCC), run without its label-derived pairwise constraints',
  reference: {
    paper: 'Tian, Zhang, Li, Cheng, Wang & Zhang. Model-based deep embedding for constrained clustering analysis of single cell RNA-seq data. Nature Communications 12, 1873 (2021)',
    url: 'https://doi.org/10.1038/s41467-021-22008-3',
    repo: 'ttgump/scDCC',
    commit: '142e4e0370f4134751e92a160f95f97fce8db369',
  },
  kind: 'deep',
  // No rawCounts need: dcaPreprocess has a declared path for log-normalised values (logInput), named in info.
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxEpochs: 2, encoder: '16,8', decoder: '8,16', latent: 4, nInit: 2 },
  quick: { pretrainEpochs: 30, maxEpochs: 20 },
  // scDCC.fit: loss = cluster_loss + recon_loss with cluster_loss = γ·KL (scDCC_pairwise.py, fit)
  run: (data: Dataset, p: ScDccParams, ctx: Context): Promise<Clustering> => runScDeepCluster(data, p, ctx, p.gamma),
});
