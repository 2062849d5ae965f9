import { choice, defineMethod, defineParams, nonNegativeInt, positiveInt, real, text, type Clustering, type Context, type Dataset } from '@scbench/api';
import { dcaCountsSource, dcaPreprocess } from '@scbench/datasets';
import { createRng } from '@scbench/numerics';
import { decStage, disposeModules, type DecStageOptions, fit, initEngine, isLayerSizes, layerSizes, toTensor, zinbAutoencoder, type ZinbAutoencoder } from '@scbench/engine';

/**
 * scDeepCluster (Tian, Wan, Ma & Zhang, Nature Machine Intelligence 2019) as ttgump/scDeepCluster_pytorch runs it:
 * DCA-style preprocessing; a ZINB autoencoder with Gaussian noise σ 2.5 on the input, encoder [256, 64] → 32;
 * pre-training on the ZINB likelihood with Adam(amsgrad); then DEC self-training of the clean bottleneck's Student-t
 * soft assignment against the sharpened target, refreshed every epoch, plus the noisy reconstruction's ZINB loss, with
 * Adadelta(lr 1, ρ 0.95), stopped when < 0.1 % of labels change (METHODS.md §5.8). See README.md for fidelity.
 */
export const SCDEEPCLUSTER_PARAMS = defineParams({
  /** Highly variable genes (Seurat flavour) to keep; 0 = all genes, the original's default (select_genes 0). */
  hvg: nonNegativeInt(0),
  encoder: text('256,64', 'comma-separated positive integers', isLayerSizes),
  latent: positiveInt(32),
  decoder: text('64,256', 'comma-separated positive integers', isLayerSizes),
  /** σ of the input noise (sigma). */
  sigma: real(2.5, { min: 0 }),
  /** Weight of the clustering loss (gamma). */
  gamma: real(1, { min: 0 }),
  /** Ridge on π in the ZINB loss (0 in the PyTorch code). */
  ridge: real(0, { min: 0 }),
  pretrainEpochs: positiveInt(300),
  pretrainLr: real(1e-3, { above: 0 }),
  batchSize: positiveInt(256),
  /** Clustering budget in epochs (maxiter). */
  maxEpochs: positiveInt(2000),
  updateInterval: positiveInt(1),
  tol: real(1e-3, { min: 0, max: 1 }),
  /** Adadelta learning rate of the clustering stage. */
  clusterLr: real(1, { above: 0 }),
  nInit: positiveInt(20),
  /** Log-normalised datasets: 'expm1' back to counts for the likelihood, or 'as-given' (the stored values). */
  logInput: choice(['expm1', 'as-given']),
});

export type ScDeepClusterParams = typeof SCDEEPCLUSTER_PARAMS.defaults;

export const scdeepcluster = defineMethod({
  id: 'scdeepcluster',
  label: 'scDeepCluster',
  summary: 'noisy ZINB autoencoder (256-64-32), Adam(amsgrad) pre-train, DEC KL + ZINB clustering with Adadelta (scDeepCluster_pytorch)',
  reference: {
    paper: 'Tian, Wan, Ma & Zhang. Clustering single-cell RNA-seq data with a model-based deep learning approach. Nature Machine Intelligence 1, 191–198 (2019)',
    url: 'https://doi.org/10.1038/s42256-019-0037-0',
    repo: 'ttgump/scDeepCluster_pytorch',
    commit: '537cab79d75ce833e21d0964e264e83fc9613ab4',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): at the 2,000-epoch cap cbmc_top2000 projects to 592 min at one thread and
  // 0.9 GB (tools/bench/baselines/scale-shared.txt, 2026-12-06); all genes enter the likelihood, so the 13.5k-gene
  // sets (pbmc3k, worm_neuron) cost ~2–3× more per epoch. The tolerance stop usually ends far earlier.
  resources: { memGb: 4, cpus: 2, minutes: 2880 },
  // No rawCounts need: dcaPreprocess has a declared path for log-normalised values (logInput), named in info.
  defaults: SCDEEPCLUSTER_PARAMS.defaults,
  paramRules: SCDEEPCLUSTER_PARAMS.rules,
  smoke: { pretrainEpochs: 2, maxEpochs: 2, encoder: '16,8', decoder: '8,16', latent: 4, nInit: 2 },
  quick: { pretrainEpochs: 30, maxEpochs: 20 },
  run: (data, p, ctx) => runScDeepCluster(data, p, ctx),
});

/** The preprocessed input, counts and size factors as tensors, and the autoencoder, for scDeepCluster and scDCC. */
export interface ScDeepClusterModel {
  x: ReturnType<typeof toTensor>;
  counts: ReturnType<typeof toTensor>;
  /** [N, 1] */
  sizeFactors: ReturnType<typeof toTensor>;
  ae: ZinbAutoencoder;
  genes: number;
  /** Which values the likelihood reads: dcaPreprocess's counts step, or 'raw counts'. */
  countsFrom: string;
  dispose(): void;
}

export function buildModel(data: Dataset, p: ScDeepClusterParams, seed: number): ScDeepClusterModel {
  const pre = dcaPreprocess(data, { hvg: p.hvg > 0 ? p.hvg : false, logInput: p.logInput });
  const x = toTensor(pre.x);
  const counts = toTensor(pre.counts);
  const sizeFactors = toTensor({ rows: pre.sizeFactors.length, cols: 1, data: pre.sizeFactors });
  const ae = zinbAutoencoder(pre.x.cols, {
    encoder: layerSizes(p.encoder), latent: p.latent, decoder: layerSizes(p.decoder), inputNoise: p.sigma, init: 'torch',
  }, createRng(seed));
  return {
    x, counts, sizeFactors, ae, genes: pre.x.cols, countsFrom: dcaCountsSource(pre),
    dispose() {
      for (const t of [x, counts, sizeFactors]) t.dispose();
      disposeModules(ae);
    },
  };
}

/** Pre-training: ZINB loss of the noisy reconstruction, Adam(amsgrad), shuffled batches (pretrain_autoencoder). */
export async function pretrain(m: ScDeepClusterModel, p: ScDeepClusterParams, ctx: Context): Promise<number> {
  const report = await fit(m.ae, {
    rows: m.x.shape[0],
    phases: [{
      name: 'pretrain',
      epochs: p.pretrainEpochs,
      batchSize: p.batchSize,
      optimizer: { kind: 'adam', lr: p.pretrainLr, amsgrad: true },
      loss: (s) => {
        const out = m.ae.decode(m.ae.encode(s.take(m.x), s), s);
        return { zinb: m.ae.zinb.loss(s.take(m.counts), out, s.take(m.sizeFactors), p.ridge) };
      },
    }],
  }, ctx);
  return report.seconds;
}

/**
 * The method with its KL weight as a choice: scDeepCluster applies γ twice (γ², the default here); scDCC once.
 * `extraSteps`: optimisation steps after each clustering epoch on the built model (scDCC's pairwise constraints).
 */
export async function runScDeepCluster(data: Dataset, p: ScDeepClusterParams, ctx: Context, klWeight = p.gamma * p.gamma,
  extraSteps?: (m: ScDeepClusterModel) => DecStageOptions['afterEpochSteps']): Promise<Clustering> {
  await initEngine();
  const m = buildModel(data, p, ctx.seed);
  try {
    const pretrainSeconds = await pretrain(m, p, ctx);
    const res = await decStage({
      k: data.nClusters,
      x: m.x,
      encode: (b, o) => m.ae.encode(b, o),
      // q from the clean bottleneck (z0), ZINB from the noisy pass, as `forward` (scDeepCluster.py:81-92)
      train: (s) => {
        const xb = s.take(m.x);
        const out = m.ae.decode(m.ae.encode(xb, s), s);
        return {
          z: m.ae.encode(xb, { training: false }),
          parts: { zinb: m.ae.zinb.loss(s.take(m.counts), out, s.take(m.sizeFactors), p.ridge) },
        };
      },
      variables: m.ae.variables,
      optimizer: { kind: 'adadelta', lr: p.clusterLr, rho: 0.95 },
      batchSize: p.batchSize,
      shuffle: false,
      maxIter: p.maxEpochs,
      unit: 'epochs',
      updateInterval: p.updateInterval,
      tol: p.tol,
      nInit: p.nInit,
      // scDeepCluster: cluster_loss returns γ·KL and fit multiplies it by γ again (scDeepCluster.py:108-112, 231)
      klWeight,
      afterEpochSteps: extraSteps?.(m),
    }, ctx);
    return {
      labels: res.labels,
      embedding: res.embedding,
      info: { genes: m.genes, countsFrom: m.countsFrom, pretrainSeconds: Number(pretrainSeconds.toFixed(3)), clusterEpochs: res.epochs, refreshes: res.refreshes, converged: res.converged },
    };
  } finally {
    m.dispose();
  }
}
