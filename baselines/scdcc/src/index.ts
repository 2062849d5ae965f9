import { defineMethod, type Clustering, type Context, type Dataset } from '@scbench/api';
import { runScDeepCluster, scdeepcluster, SCDEEPCLUSTER_PARAMS } from '@scbench/baseline-scdeepcluster';
import { SCDCC_REFERENCE } from './reference.ts';

/**
 * scDCC (Tian, Zhang, Li, et al., Nature Communications 2021) without constraints, as ttgump/scDCC runs it with
 * n_pairwise = 0: scDeepCluster's network and two stages (METHODS.md §5.9) with scDCC's difference — the clustering
 * loss weighted by γ once (scDeepCluster applies it twice); float32. Its must-link / cannot-link
 * constraints come from the true labels of a random 10 % of cells: semi-supervision, offered only as the separate
 * `scdcc-semi` (semi.ts), which the runner hands those labels and scores on the other cells.
 * Parameters and defaults are scDeepCluster's, unchanged: scDCC_pairwise.py:37 at the repository's head (142e4e0) also
 * pre-trains 300 epochs (an older version of the script, 11e5e59, had 400); γ is applied once in `run` below.
 */
const PARAMS = SCDEEPCLUSTER_PARAMS;

export type ScDccParams = typeof PARAMS.defaults;

export const scdcc = defineMethod({
  id: 'scdcc',
  label: 'scDCC',
  summary: 'scDeepCluster\'s model and schedule with γ once (scDCC), run without its label-derived pairwise constraints',
  reference: SCDCC_REFERENCE,
  kind: 'deep',
  // One run on a cluster (Slurm executor): scDeepCluster's network and schedule, so its hint.
  resources: scdeepcluster.resources,
  // No rawCounts need: dcaPreprocess has a declared path for log-normalised values (logInput), named in info.
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxEpochs: 2, encoder: '16,8', decoder: '8,16', latent: 4, nInit: 2 },
  quick: { pretrainEpochs: 30, maxEpochs: 20 },
  // scDCC.fit: loss = cluster_loss + recon_loss with cluster_loss = γ·KL (scDCC_pairwise.py, fit)
  run: (data: Dataset, p: ScDccParams, ctx: Context): Promise<Clustering> => runScDeepCluster(data, p, ctx, p.gamma),
});

export { constraintSteps, scdccSemi, SCDCC_SEMI_PARAMS, type ScDccSemiParams } from './semi.ts';
export { randomPairs, type PairwiseConstraints } from './constraints.ts';
