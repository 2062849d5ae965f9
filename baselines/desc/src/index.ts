import { choice, defineMethod, defineParams, positiveInt, real, text, type Clustering, type Context, type Dataset, type Matrix } from '@scbench/api';
import { standardPipeline } from '@scbench/datasets';
import { connectivities, createRng, knn, louvain } from '@scbench/numerics';
import {
  decStage, denseStack, disposeModules, dropout, fit, initEngine, isLayerSizes, layerSizes, mse, predict, toTensor, variablesOf,
} from '@scbench/engine';

/**
 * DESC (Li et al., Nature Communications 2020) as eleozzr/desc runs it: a stacked autoencoder whose sizes follow the
 * original's rule on the number of cells (getdims), ReLU with tanh at the centre, dropout 0.2 in pre-training, then
 * DEC self-training with SGD(0.01, 0.9): the target refreshed every 5 epochs over shuffled batches, stopped when
 * < 0.5 % of labels change, at most 1000 refreshes (METHODS.md §5.12). The original initialises the centres by
 * Louvain on the bottleneck, so K comes from the resolution (`init=louvain`); the benchmark's protocol gives K from
 * the dataset (`init=kmeans`, the default). Both record the number of clusters found. See README.md.
 */
const PARAMS = defineParams({
  /** 'kmeans': K from the dataset (n_init 20); 'louvain': the original's, K from the resolution. */
  init: choice(['kmeans', 'louvain']),
  /** Louvain resolution (init=louvain); train() runs [0.6, 0.8] and keeps the last. */
  resolution: real(0.8, { above: 0 }),
  /** Neighbours of the Louvain graph (init=louvain; train()'s n_neighbors). */
  neighbors: positiveInt(10),
  /** Encoder sizes after the input: 'auto' = the original's getdims rule by cell count, or e.g. '64,32'. */
  dims: text('auto', "'auto' or comma-separated positive integers", (v) => v === 'auto' || isLayerSizes(v)),
  /**
   * 'top2000': 2,000 Seurat HVGs (all genes when fewer); 'cutoffs': scanpy's min_mean 0.0125 / max_mean 3 /
   * min_disp 0.5, desc.py's example recipe (on already normalised data it can keep almost nothing: 5 of
   * wang_pancreas's 219 genes); 'all'.
   */
  hvg: choice(['top2000', 'cutoffs', 'all']),
  pretrainEpochs: positiveInt(300),
  pretrainLr: real(1e-3, { above: 0 }),
  dropRate: real(0.2, { min: 0, below: 1 }),
  batchSize: positiveInt(256),
  /** Epochs between target refreshes (epochs_fit; train() passes 5). */
  epochsFit: positiveInt(5),
  /** At most this many refreshes (max_iter). */
  maxIter: positiveInt(1000),
  tol: real(0.005, { min: 0, max: 1 }),
  clusterLr: real(0.01, { above: 0 }),
  momentum: real(0.9, { min: 0, below: 1 }),
  nInit: positiveInt(20),
});

export type DescParams = typeof PARAMS.defaults;

/** desc.py getdims: the encoder sizes after the input by the number of cells. */
export function getdims(cells: number): number[] {
  if (cells > 20000) return [128, 32];
  if (cells > 10000) return [64, 32];
  if (cells > 5000) return [32, 16];
  if (cells > 2000) return [128];
  if (cells > 500) return [64];
  return [16];
}

export const desc = defineMethod({
  id: 'desc',
  label: 'DESC',
  summary: 'stacked AE (size rule by cell count, tanh centre), DEC self-training with SGD; centres by k-means (K given) or Louvain (original)',
  reference: {
    paper: 'Li, Wang, Lyu, et al. Deep learning enables accurate clustering with batch effect removal in single-cell RNA-seq analysis. Nature Communications 11, 2338 (2020)',
    url: 'https://doi.org/10.1038/s41467-020-15851-3',
    repo: 'eleozzr/desc',
    commit: '0316819bf1b9cf0b2af5e6175af36e9ddec28c69',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 projects to ≤ 109 min at one thread (at the 5,000-epoch cap;
  // tools/bench/baselines/scale-shared.txt, 2026-12-06) and 0.9 GB.
  resources: { memGb: 4, cpus: 2, minutes: 240 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxIter: 2, epochsFit: 1, nInit: 2 },
  quick: { pretrainEpochs: 100, maxIter: 20 },
  checkParams: (p) => {
    const d = PARAMS.defaults;
    if (p.init === 'kmeans' && (p.resolution !== d.resolution || p.neighbors !== d.neighbors)) {
      throw new Error('desc: resolution and neighbors apply only with init=louvain; add init=louvain or drop them');
    }
  },
  run: (data, p, ctx) => runDesc(data, p, ctx),
});

/** Centres as the mean bottleneck of each Louvain cluster (DescModel.pretrain). */
function louvainCentres(z: Matrix, p: DescParams, seed: number): { centres: Matrix; k: number } {
  // scanpy's n_neighbors counts the cell itself; knn() excludes it.
  const graph = connectivities(knn(z, Math.min(p.neighbors - 1, z.rows - 1), { metric: 'euclidean' }), { nNeighbors: p.neighbors });
  const { labels, nClusters: k } = louvain(graph, { resolution: p.resolution, seed });
  if (k <= 1) throw new Error(`desc: Louvain at resolution ${p.resolution} found a single cluster; use a larger resolution`);
  const sums = new Float64Array(k * z.cols);
  const counts = new Float64Array(k);
  for (let i = 0; i < z.rows; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < z.cols; j++) sums[labels[i] * z.cols + j] += z.data[i * z.cols + j];
  }
  const data = new Float32Array(k * z.cols);
  for (let c = 0; c < k; c++) for (let j = 0; j < z.cols; j++) data[c * z.cols + j] = sums[c * z.cols + j] / counts[c];
  return { centres: { rows: k, cols: z.cols, data }, k };
}

export async function runDesc(data: Dataset, p: DescParams, ctx: Context): Promise<Clustering> {
  await initEngine();
  // desc.py's recipe: normalize_per_cell(1e4) → log1p → HVG → scale(max_value=10)
  const pre = p.hvg === 'cutoffs'
    ? standardPipeline(data, { hvgCutoffs: {} })
    : standardPipeline(data, { hvg: p.hvg === 'all' ? false : 2000 });
  const x = toTensor(pre.data);
  const d = pre.data.cols;
  const hidden = p.dims === 'auto' ? getdims(pre.data.rows) : layerSizes(p.dims);
  const rng = createRng(ctx.seed);
  // ReLU inside, tanh at the centre (the encoder's last layer and the decoder's first), linear output
  const encoder = denseStack([d, ...hidden], rng, { activation: 'relu', outputActivation: 'tanh', init: 'glorot' });
  const back = [...hidden].reverse();
  const decoder = back.length > 1
    ? denseStack([...back, d], rng, { activation: 'tanh', outputActivation: 'linear', init: 'glorot' })
    : denseStack([back[0], d], rng, { init: 'glorot' });
  const drop = dropout(p.dropRate, rng);
  try {
    const pretrain = await fit({ variables: variablesOf(encoder, decoder) }, {
      rows: x.shape[0],
      phases: [{
        name: 'pretrain',
        epochs: p.pretrainEpochs,
        batchSize: p.batchSize,
        optimizer: { kind: 'adam', lr: p.pretrainLr },
        loss: (s) => {
          const xb = s.take(x);
          return { mse: mse(decoder.apply(encoder.apply(drop.apply(xb, s), s), s), xb) };
        },
      }],
    }, ctx);
    let k = data.nClusters;
    let initCentres: Matrix | undefined;
    if (p.init === 'louvain') {
      const lv = louvainCentres(predict(x, (b, o) => encoder.apply(b, o)), p, ctx.seed);
      k = lv.k;
      initCentres = lv.centres;
    }
    const res = await decStage({
      k,
      x,
      encode: (b, o) => encoder.apply(b, o),
      train: (s) => ({ z: encoder.apply(s.take(x), s) }),
      variables: encoder.variables,
      optimizer: { kind: 'sgd', lr: p.clusterLr, momentum: p.momentum },
      batchSize: p.batchSize,
      shuffle: true,
      maxIter: p.maxIter * p.epochsFit,
      unit: 'epochs',
      updateInterval: p.epochsFit,
      tol: p.tol,
      nInit: p.nInit,
      initCentres,
    }, ctx);
    return {
      labels: res.labels,
      embedding: res.embedding,
      info: {
        genes: d,
        dims: hidden.join(','),
        clustersFound: new Set(res.labels).size,
        initClusters: k,
        pretrainSeconds: Number(pretrain.seconds.toFixed(3)),
        refreshes: res.refreshes,
        converged: res.converged,
      },
    };
  } finally {
    x.dispose();
    disposeModules(encoder, decoder);
  }
}
