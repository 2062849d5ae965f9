import { defineMethod, defineParams, positiveInt, real, text, type Clustering, type Context, type Dataset } from '@scbench/api';
import { standardPipeline } from '@scbench/datasets';
import { createRng } from '@scbench/numerics';
import {
  decStage, denseStack, disposeModules, fit, initEngine, isLayerSizes, layerSizes, mse, toTensor, variablesOf,
} from '@scbench/engine';

/**
 * DEC (Xie, Girshick & Farhadi, ICML 2016) as XifengGuo/DEC-keras runs it: a symmetric ReLU autoencoder
 * [D, 500, 500, 2000, 10] pre-trained on MSE (Adam), the decoder dropped, then KL(P‖Q) self-training of the encoder and
 * the Student-t centres with SGD(0.01, momentum 0.9), the target refreshed every 140 iterations over sequential
 * batches, stopped when < 0.1 % of labels change (the engine's decStage). Input as the scCluBench wrapper feeds it:
 * 1,000 HVG, z-scored (METHODS.md §5.4). See README.md for what matches and what deviates.
 */
const PARAMS = defineParams({
  /** Highly variable genes (Seurat flavour) after normalize_total + log1p; then z-scored. */
  hvg: positiveInt(1000),
  /** Encoder hidden sizes; the decoder mirrors them. */
  hidden: text('500,500,2000', 'comma-separated positive integers', isLayerSizes),
  latent: positiveInt(10),
  pretrainEpochs: positiveInt(200),
  pretrainLr: real(1e-3, { above: 0 }),
  batchSize: positiveInt(256),
  /** Clustering budget in iterations (mini-batch steps), DEC-keras maxiter. */
  maxIter: positiveInt(20000),
  /** Target refresh every this many iterations (DEC-keras: 140 for MNIST, 30 for the smaller sets). */
  updateInterval: positiveInt(140),
  tol: real(1e-3, { min: 0, max: 1 }),
  clusterLr: real(0.01, { above: 0 }),
  momentum: real(0.9, { min: 0, below: 1 }),
  nInit: positiveInt(20),
});

export type DecParams = typeof PARAMS.defaults;

export const dec = defineMethod({
  id: 'dec',
  label: 'DEC',
  summary: 'AE [D,500,500,2000,10] pre-trained on MSE, then KL(P‖Q) self-training with Student-t centres (DEC-keras)',
  reference: {
    paper: 'Xie, Girshick & Farhadi. Unsupervised deep embedding for clustering analysis. ICML 2016',
    url: 'https://arxiv.org/abs/1511.06335',
    repo: 'XifengGuo/DEC-keras',
    commit: '14333d2c5ac108a6a88aa6e46f9fcb8c7764759a',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000, the largest shared set, projects to ≤ 58 min at one thread
  // (tools/bench/baselines/scale-shared.txt, 2026-12-06) and 1.3 GB.
  resources: { memGb: 4, cpus: 2, minutes: 120 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxIter: 4, updateInterval: 2, hidden: '16,16', nInit: 2 },
  quick: { pretrainEpochs: 15, maxIter: 150, updateInterval: 30 },
  run: (data, p, ctx) => runDec(data, p, ctx),
});

export async function runDec(data: Dataset, p: DecParams, ctx: Context): Promise<Clustering> {
  await initEngine();
  const pre = standardPipeline(data, { hvg: p.hvg });
  const x = toTensor(pre.data);
  const d = pre.data.cols;
  const hidden = layerSizes(p.hidden);
  const rng = createRng(ctx.seed);
  const encoder = denseStack([d, ...hidden, p.latent], rng);
  const decoder = denseStack([p.latent, ...[...hidden].reverse(), d], rng);
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
          return { mse: mse(decoder.apply(encoder.apply(xb, s), s), xb) };
        },
      }],
    }, ctx);
    const res = await decStage({
      k: data.nClusters,
      x,
      encode: (b, o) => encoder.apply(b, o),
      train: (s) => ({ z: encoder.apply(s.take(x), s) }),
      variables: encoder.variables,
      optimizer: { kind: 'sgd', lr: p.clusterLr, momentum: p.momentum },
      batchSize: p.batchSize,
      shuffle: false,
      maxIter: p.maxIter,
      unit: 'iterations',
      updateInterval: p.updateInterval,
      tol: p.tol,
      nInit: p.nInit,
    }, ctx);
    return {
      labels: res.labels,
      embedding: res.embedding,
      info: {
        genes: d,
        pretrainSeconds: Number(pretrain.seconds.toFixed(3)),
        iterations: res.iterations,
        refreshes: res.refreshes,
        converged: res.converged,
      },
    };
  } finally {
    x.dispose();
    disposeModules(encoder, decoder);
  }
}
