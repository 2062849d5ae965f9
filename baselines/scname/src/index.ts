import {
  checkParamValues, defineMethod, defineParams, positiveInt, real, type Clustering, type Context, type Dataset,
} from '@scbench/api';
import { dcaPreprocess } from '@scbench/datasets';
import {
  bce, createOptimizer, dense, denseStack, disposeModules, fit, gaussianNoise, initEngine, memoryBank, neighbourContrastive,
  softKmeans, tf, zinbAutoencoder, type Module,
} from '@scbench/engine';
import { createRng, kmeans, maskedSwap, nearestCenters, permutation } from '@scbench/numerics';

/**
 * scNAME (Wan, Chen, Fan, et al. scNAME: neighborhood contrastive clustering with ancillary mask estimation for
 * scRNA-seq data. Bioinformatics 38(6), 2022), as aster-ww/scNAME runs it: DCA preprocessing with 1000 HVGs; a ZINB
 * autoencoder on the clean cells and a second network of the same shape on their masked-swap corruption (p 0.3,
 * column shuffle) that estimates the mask; pre-training on ZINB + mask BCE, then fine-tuning that adds the
 * neighbourhood contrastive loss against a memory bank (top 10, T 0.7) and soft k-means on trainable centres.
 * The prediction is the last one (argmin distance of the bank to the centres). See README.md.
 */
const PARAMS = defineParams({
  hvg: positiveInt(1000),
  maskProb: real(0.3, { min: 0, max: 1 }),
  k: positiveInt(10),
  temperature: real(0.7, { above: 0 }),
  /** Weights of the mask loss (alpha), the neighbour loss (beta) and the soft k-means loss (gamma). */
  alpha: real(1, { min: 0 }),
  beta: real(0.1, { min: 0 }),
  gamma: real(0.1, { min: 0 }),
  noise: real(1.5, { min: 0 }),
  lr: real(1e-4, { above: 0 }),
  batchSize: positiveInt(128),
  pretrainEpochs: positiveInt(500),
  finetuneEpochs: positiveInt(1000),
  /** Labels are compared every this many fine-tuning epochs; fewer than `tol` changed stops it. */
  updateEpoch: positiveInt(50),
  tol: real(1e-3, { min: 0, max: 1 }),
  nInit: positiveInt(10),
});

export type ScnameParams = typeof PARAMS.defaults;

export const scname = defineMethod({
  id: 'scname',
  label: 'scNAME',
  summary: 'ZINB AE + mask-estimation pretext (masked swap p 0.3), then neighbourhood contrastive loss on a memory bank + soft k-means; argmin read-out',
  reference: {
    paper: 'Wan, Chen, Fan, et al. scNAME: neighborhood contrastive clustering with ancillary mask estimation for scRNA-seq data. Bioinformatics 38(6), 2022',
    url: 'https://doi.org/10.1093/bioinformatics/btac011',
    repo: 'aster-ww/scNAME',
    commit: 'e468be9d40d5899eead05a66bd5582e3a0f38dab',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 projects to 313 min at one thread and 1.2 GB (each fine-tuning
  // batch searches the whole memory bank; tools/bench/baselines/scale-shared.txt, 2026-12-07).
  resources: { memGb: 4, cpus: 2, minutes: 640 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, finetuneEpochs: 2, hvg: 50, nInit: 2, updateEpoch: 1 },
  quick: { pretrainEpochs: 20, finetuneEpochs: 20, updateEpoch: 10 },
  run: (data, p, ctx): Promise<Clustering> => runScname(data, p, ctx),
});

/** The corrupted view's network: same shape as the ZINB one, with a sigmoid mask head instead of the ZINB heads. */
function maskNetwork(genes: number, p: ScnameParams, rng: ReturnType<typeof createRng>): Module & { apply(x: tf.Tensor2D): { z: tf.Tensor2D; mask: tf.Tensor2D } } {
  const r = rng.fork();
  const noise = gaussianNoise(p.noise, r);
  const encoder = denseStack([genes, 256, 64], r, { activation: 'relu', outputActivation: 'relu', hiddenNoise: p.noise, init: 'glorot' });
  const bottleneck = dense(64, 32, r, { init: 'glorot' });
  const decoder = denseStack([32, 64, 256], r, { activation: 'relu', outputActivation: 'relu', init: 'glorot' });
  const head = dense(256, genes, r, { init: 'glorot', activation: 'sigmoid' });
  return {
    variables: [encoder, bottleneck, decoder, head].flatMap((m) => [...m.variables]),
    apply(x) {
      const z = bottleneck.apply(encoder.apply(noise.apply(x, { training: true }), { training: true }));
      return { z, mask: head.apply(decoder.apply(z)) };
    },
  };
}

async function runScname(data: Dataset, p: ScnameParams, ctx: Context): Promise<Clustering> {
  checkParamValues('scname', PARAMS.rules, p);
  await initEngine();
  ctx.progress('preprocess', 0, 1);
  const pre = dcaPreprocess(data, { hvg: p.hvg });
  const n = pre.x.rows;
  const g = pre.x.cols;
  const k = data.nClusters;
  if (p.k > n) throw new Error(`scname: k=${p.k} neighbours but only ${n} cells; lower k`);
  const rng = createRng(ctx.seed);
  // The original shuffles the cells once and then walks them in order; here the batches follow one fixed permutation.
  const order = permutation(rng.fork(), n);
  const x = new Float32Array(n * g);
  for (let i = 0; i < n; i++) x.set(pre.x.data.subarray(order[i] * g, order[i] * g + g), i * g);
  const c = new Float32Array(n * g);
  for (let i = 0; i < n; i++) c.set(pre.counts.data.subarray(order[i] * g, order[i] * g + g), i * g);
  const counts = tf.tensor2d(c, [n, g]);
  const sf = tf.tensor1d(Float32Array.from(order, (o) => pre.sizeFactors[o]));
  const ae = zinbAutoencoder(g, { encoder: [256, 64], latent: 32, decoder: [64, 256], inputNoise: p.noise, hiddenNoise: p.noise, init: 'glorot' }, rng.fork());
  const maskNet = maskNetwork(g, p, rng);
  const bank = memoryBank(n, 32);
  const corruption = rng.fork();
  const centres = tf.tidy(() => tf.variable(tf.zeros([k, 32]), true));
  const adam = createOptimizer({ kind: 'adam', lr: p.lr }); // one Adam for both stages, as the original's single optimiser
  let lastLabels: Int32Array = new Int32Array(n);
  const labelsNow = (): Int32Array => {
    // argmin_k ‖bank_i − μ_k‖² in the original's order, returned in the dataset's order.
    const bankLabels = nearestCenters({ rows: n, cols: 32, data: bank.data }, { rows: k, cols: 32, data: centres.dataSync() as Float32Array }).labels;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[order[i]] = bankLabels[i];
    return out;
  };
  const stepLoss = (rows: Int32Array, finetune: boolean) => {
    const b = rows.length;
    const clean = new Float32Array(b * g);
    for (let r = 0; r < b; r++) clean.set(x.subarray(rows[r] * g, rows[r] * g + g), r * g);
    const sw = maskedSwap(clean, b, g, p.maskProb, corruption, 'column-shuffle');
    const idx = tf.tensor1d(rows, 'int32');
    const xb = tf.tensor2d(clean, [b, g]);
    const z = ae.encode(xb, { training: true });
    const zinb = ae.zinb.loss(tf.gather(counts, idx) as tf.Tensor2D, ae.decode(z, { training: true }), tf.gather(sf, idx), 1);
    const tilde = maskNet.apply(tf.tensor2d(sw.corrupted, [b, g]));
    const parts: Record<string, tf.Scalar> = {
      zinb,
      mask: tf.mul(bce(tilde.mask, tf.tensor2d(sw.mask, [b, g])), p.alpha) as tf.Scalar,
    };
    // The bank takes this batch's latent before the losses read it (tf.scatter_nd_update in the same graph).
    bank.update(rows, z);
    if (finetune) {
      const bt = bank.tensor();
      parts.neighbour = tf.mul(neighbourContrastive(z, tilde.z, bt, p.k, p.temperature), p.beta) as tf.Scalar;
      parts.kmeans = tf.mul(softKmeans(z, centres as tf.Variable<tf.Rank.R2>), p.gamma) as tf.Scalar;
    }
    return parts;
  };
  const model: Module = { variables: [...ae.variables, ...maskNet.variables] };
  try {
    const pretrain = await fit(model, {
      rows: n,
      phases: [{
        name: 'pretrain', epochs: p.pretrainEpochs, batchSize: p.batchSize, shuffle: false, optimizer: adam,
        loss: (s) => stepLoss(s.rows ?? Int32Array.from({ length: n }, (_, i) => i), false),
      }],
    }, ctx);

    ctx.progress('k-means', 0, 1);
    const km = kmeans({ rows: n, cols: 32, data: bank.data }, k, { nInit: p.nInit, seed: ctx.seed });
    tf.tidy(() => centres.assign(tf.tensor2d(km.centers.data, [k, 32])));
    lastLabels = labelsNow();
    let labels: Int32Array = lastLabels;
    const finetune = await fit({ variables: [...model.variables, centres] }, {
      rows: n,
      phases: [{
        name: 'finetune', epochs: p.finetuneEpochs, batchSize: p.batchSize, shuffle: false, optimizer: adam,
        loss: (s) => stepLoss(s.rows ?? Int32Array.from({ length: n }, (_, i) => i), true),
        afterEpoch: ({ epoch }) => {
          labels = labelsNow();
          if (epoch % p.updateEpoch !== 0) return false;
          let changed = 0;
          for (let i = 0; i < n; i++) if (labels[i] !== lastLabels[i]) changed++;
          if (changed / n < p.tol) return true;
          lastLabels = labels;
          return false;
        },
        snapshot: { every: 1, labels: () => labels },
      }],
    }, ctx);
    const embedding = new Float32Array(n * 32);
    for (let i = 0; i < n; i++) embedding.set(bank.data.subarray(i * 32, i * 32 + 32), order[i] * 32);
    return {
      labels,
      embedding: { rows: n, cols: 32, data: embedding },
      info: {
        genes: g,
        pretrainSeconds: Number(pretrain.seconds.toFixed(3)),
        finetuneEpochs: finetune.phases[0].epochs,
        finetuneSeconds: Number(finetune.seconds.toFixed(3)),
        kmeansInertia: Number(km.inertia.toFixed(3)),
      },
    };
  } finally {
    adam.dispose();
    tf.dispose([counts, sf, centres]);
    disposeModules(ae, maskNet);
  }
}
