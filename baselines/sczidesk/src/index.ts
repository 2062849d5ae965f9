import { choice, defineMethod, defineParams, integer, nonNegativeInt, positiveInt, real, text, type Clustering, type Context, type Dataset } from '@scbench/api';
import { dcaCountsSource, dcaPreprocess } from '@scbench/datasets';
import { createRng, kmeans } from '@scbench/numerics';
import {
  cellStudentTKl, disposeModules, fit, initEngine, isLayerSizes, layerSizes, pairwiseSquaredDistances, predict, predictTensor,
  softKmeans, tf, toTensor, zinbAutoencoder,
} from '@scbench/engine';

/**
 * scziDesk (Chen, Xu, Li & Shi, NAR Genomics and Bioinformatics 2020) as xuebaliang/scziDesk runs it: DCA-style
 * preprocessing with 500 HVG (raw counts of the same genes for the likelihood), a ZINB autoencoder
 * [500, 256, 64, 32] with Gaussian noise σ 1.5 on the input and hidden layers, 1000 pre-train epochs on the ZINB
 * loss (Adam 1e-4), then fine-tuning ZINB + 0.001·soft k-means + 0.001·cell–cell Student-t KL with trainable
 * centres from k-means, labels (argmin distance to the centres) checked every 10 epochs, stopped when < 0.1 % change
 * (METHODS.md §5.10). See README.md for fidelity.
 */
const PARAMS = defineParams({
  /** Seurat HVGs (n_top; scanpy ignores the original's cut-offs when n_top is given); 0 = all genes. */
  hvg: nonNegativeInt(500),
  encoder: text('256,64', 'comma-separated positive integers', isLayerSizes),
  latent: positiveInt(32),
  /** σ of the noise on the input and hidden layers (noise_sd). */
  noise: real(1.5, { min: 0 }),
  /** Weight of the soft k-means loss (alpha). */
  alpha: real(0.001, { min: 0 }),
  /** Weight of the cell–cell KL (gamma). */
  gamma: real(0.001, { min: 0 }),
  /** Student-t degrees of freedom of the cell–cell similarity (t_alpha). */
  tAlpha: real(1, { above: 0 }),
  /** Ridge on π in the ZINB loss (ridge_lambda). */
  ridge: real(1, { min: 0 }),
  lr: real(1e-4, { above: 0 }),
  batchSize: positiveInt(256),
  pretrainEpochs: positiveInt(1000),
  /** Fine-tuning budget in epochs, label checks included (funetrain_epoch). */
  finetuneEpochs: positiveInt(2000),
  /** Every this many epochs the labels are checked instead of training (update_epoch). */
  updateEpoch: integer(10, { min: 2 }),
  tol: real(1e-3, { min: 0, max: 1 }),
  /** k-means restarts for the centres (sklearn's KMeans default, which the original uses). */
  nInit: positiveInt(10),
  /** Log-normalised datasets: 'expm1' back to counts for the likelihood, or 'as-given' (the stored values). */
  logInput: choice(['expm1', 'as-given']),
});

export type ScziDeskParams = typeof PARAMS.defaults;

export const sczidesk = defineMethod({
  id: 'sczidesk',
  label: 'scziDesk',
  summary: 'noisy ZINB AE on 500 HVG, then ZINB + soft k-means + cell–cell Student-t KL with labels checked every 10 epochs (scziDesk)',
  reference: {
    paper: 'Chen, Xu, Li & Shi. Deep soft K-means clustering with self-training for single-cell RNA sequence data. NAR Genomics and Bioinformatics 2(2), lqaa039 (2020)',
    url: 'https://doi.org/10.1093/nargab/lqaa039',
    repo: 'xuebaliang/scziDesk',
    commit: 'eaaf88f3d8c0c0c30cb141fd2cb0831f70a91a52',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 (500 HVG, so cells decide the cost) projects to 209 min at one
  // thread and 1.2 GB (tools/bench/baselines/scale-shared.txt, 2026-12-06).
  resources: { memGb: 4, cpus: 2, minutes: 480 },
  // No rawCounts need: dcaPreprocess has a declared path for log-normalised values (logInput), named in info.
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, finetuneEpochs: 4, updateEpoch: 2, encoder: '16,8', latent: 4, nInit: 2 },
  quick: { pretrainEpochs: 30, finetuneEpochs: 20 },
  run: (data, p, ctx) => runScziDesk(data, p, ctx),
});

function changed(a: Int32Array, b: Int32Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) c++;
  return c / a.length;
}

export async function runScziDesk(data: Dataset, p: ScziDeskParams, ctx: Context): Promise<Clustering> {
  await initEngine();
  const pre = dcaPreprocess(data, { hvg: p.hvg > 0 ? p.hvg : false, logInput: p.logInput });
  const x = toTensor(pre.x);
  const counts = toTensor(pre.counts);
  const sf = toTensor({ rows: pre.sizeFactors.length, cols: 1, data: pre.sizeFactors });
  const enc = layerSizes(p.encoder);
  const ae = zinbAutoencoder(pre.x.cols, {
    encoder: enc, latent: p.latent, decoder: [...enc].reverse(), inputNoise: p.noise, hiddenNoise: p.noise, init: 'glorot',
  }, createRng(ctx.seed));
  const n = pre.x.rows;
  const encode = (b: tf.Tensor2D, o: { training?: boolean }) => ae.encode(b, o);
  let centres: tf.Variable | null = null;
  try {
    // Pre-training: ZINB (ridge 1) of the noisy pass, batches in cell order (zidpkm.py pretrain).
    const pretrain = await fit(ae, {
      rows: n,
      phases: [{
        name: 'pretrain',
        epochs: p.pretrainEpochs,
        batchSize: p.batchSize,
        shuffle: false,
        optimizer: { kind: 'adam', lr: p.lr },
        loss: (s) => ({ zinb: ae.zinb.loss(s.take(counts), ae.decode(encode(s.take(x), s), s), s.take(sf), p.ridge) }),
      }],
    }, ctx);
    const z0 = predict(x, encode);
    const km = kmeans(z0, data.nClusters, { nInit: p.nInit, seed: ctx.seed });
    const init = tf.tensor2d(Float32Array.from(km.centers.data), [data.nClusters, z0.cols]);
    centres = tf.variable(init);
    init.dispose();
    const mu = centres as tf.Variable<tf.Rank.R2>;
    const argminDistance = (): Int32Array => {
      const d = tf.tidy(() => {
        const z = predictTensor(x, encode);
        return tf.argMin(pairwiseSquaredDistances(z, mu), 1);
      });
      const out = Int32Array.from(d.dataSync());
      d.dispose();
      return out;
    };
    let labels = km.labels;
    let checks = 0;
    let converged = false;
    let lastDelta = NaN;
    ctx.snapshot(0, labels);
    // The original trains 9 epochs, then spends the 10th on the label check (no training), and so on: checks fall
    // after every (updateEpoch − 1) trained epochs, and (updateEpoch − 1)/updateEpoch of the budget trains.
    const trainEvery = p.updateEpoch - 1;
    const trainedEpochs = p.finetuneEpochs - Math.floor(p.finetuneEpochs / p.updateEpoch);
    const finetune = await fit({ variables: [...ae.variables, mu] }, {
      rows: n,
      smokeEpochs: 2,
      phases: [{
        name: 'finetune',
        epochs: trainedEpochs,
        batchSize: p.batchSize,
        shuffle: false,
        optimizer: { kind: 'adam', lr: p.lr },
        loss: (s) => {
          const z = encode(s.take(x), s);
          return {
            zinb: ae.zinb.loss(s.take(counts), ae.decode(z, s), s.take(sf), p.ridge),
            kmeans: tf.mul(p.alpha, softKmeans(z, mu)) as tf.Scalar,
            kl: tf.mul(p.gamma, cellStudentTKl(z, p.tAlpha)) as tf.Scalar,
          };
        },
        afterEpoch: (e) => {
          if (e.epoch % trainEvery !== 0) return false;
          const next = argminDistance();
          lastDelta = changed(next, labels);
          labels = next;
          checks++;
          ctx.snapshot(e.epoch, labels);
          if (lastDelta < p.tol) converged = true;
          return converged;
        },
      }],
    }, ctx);
    if (!converged && finetune.phases[0].epochs % trainEvery !== 0) labels = argminDistance();
    return {
      labels,
      embedding: predict(x, encode),
      info: {
        genes: pre.x.cols,
        countsFrom: dcaCountsSource(pre),
        pretrainSeconds: Number(pretrain.seconds.toFixed(3)),
        finetuneSeconds: Number(finetune.seconds.toFixed(3)),
        trainedEpochs: finetune.phases[0].epochs,
        labelChecks: checks,
        converged,
      },
    };
  } finally {
    for (const t of [x, counts, sf]) t.dispose();
    centres?.dispose();
    disposeModules(ae);
  }
}
