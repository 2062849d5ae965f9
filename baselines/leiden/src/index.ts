import { defineMethod, defineParams, positiveInt, real, type Context, type Csr, type Dataset, type Matrix } from '@scbench/api';
import { standardPipeline } from '@scbench/datasets';
import { connectivities, knn, leidenWithK, pca } from '@scbench/numerics';

/** pca-kmeans' preprocessing and PCA, then the neighbourhood size (scanpy's n_neighbors, the cell itself counted). */
const PARAMS = defineParams({
  targetSum: real(1e4, { above: 0 }),
  nTopGenes: positiveInt(2000),
  scaleClip: real(10, { above: 0 }),
  nPcs: positiveInt(50),
  nNeighbors: positiveInt(15),
});

export type LeidenParams = typeof PARAMS.defaults;

/**
 * The graph Leiden partitions (scanpy's pp.neighbors on the pca-kmeans PCA): also what the leidenalg reference bench
 * (`tools/bench/classical/leiden-reference.ts`) hands to leidenalg, so both sides see one graph.
 */
export function leidenGraph(data: Dataset, p: LeidenParams, seed: number, progress: Context['progress'] = () => {}): { scores: Matrix; graph: Csr } {
  progress('preprocess', 0, 4);
  const x = standardPipeline(data, { targetSum: p.targetSum, hvg: p.nTopGenes, maxValue: p.scaleClip }).data;
  progress('pca', 1, 4);
  const { scores } = pca(x, Math.min(p.nPcs, x.rows - 1, x.cols), { seed });
  progress('neighbours', 2, 4);
  // scanpy's n_neighbors counts the cell itself; knn() here excludes it, hence nNeighbors − 1.
  const nNeighbors = Math.min(p.nNeighbors, x.rows);
  return { scores, graph: connectivities(knn(scores, nNeighbors - 1, { metric: 'euclidean' }), { nNeighbors }) };
}

/**
 * Graph clustering as Scanpy does it (METHODS.md §5.2): the same PCA as pca-kmeans → 15 nearest neighbours
 * (euclidean on the PCs) → UMAP fuzzy connectivities → Leiden (RB-configuration / modularity) with a resolution
 * search until the cluster count equals k. Using k from the labels is the one piece of label information every
 * method in the benchmark gets.
 */
export const leiden = defineMethod({
  id: 'leiden',
  label: 'Leiden',
  summary: 'PCA 50 → kNN 15 → UMAP connectivities → Leiden, resolution searched to hit k',
  reference: {
    paper: 'Traag, Waltman & van Eck. From Louvain to Leiden: guaranteeing well-connected communities. Sci Rep 2019',
    repo: 'vtraag/leidenalg (via scverse/scanpy tl.leiden)',
  },
  kind: 'graph',
  // One run on a cluster (Slurm executor): at most 2.3 GB and 29 s measured over the shared datasets (<= 8,617 cells).
  resources: { memGb: 4, cpus: 2, minutes: 30 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  run: async (data, p, ctx) => {
    const { scores, graph } = leidenGraph(data, p, ctx.seed, ctx.progress);
    ctx.progress('leiden', 3, 4);
    const result = leidenWithK(graph, data.nClusters, { seed: ctx.seed });
    ctx.log('leiden', { resolution: result.resolution, clusters: result.nClusters, tries: result.tries });
    return {
      labels: result.labels,
      embedding: scores,
      info: { resolution: result.resolution, hitK: result.exact },
    };
  },
});
