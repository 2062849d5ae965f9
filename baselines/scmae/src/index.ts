import {
  checkParamValues, choice, defineMethod, defineParams, inRange, positiveInt, real, type Clustering, type Context, type Dataset, type Matrix,
} from '@scbench/api';
import { dcaPreprocess, toDense } from '@scbench/datasets';
import {
  bceWithLogits, dense, denseStack, disposeModules, engineKnn, fit, initEngine, mse, predict, tf, variablesOf,
} from '@scbench/engine';
import { connectivities, createRng, kmeans, leidenWithK, maskedSwap } from '@scbench/numerics';

/**
 * scMAE (Fang, Zheng & Li. scMAE: a masked autoencoder for single-cell RNA-seq clustering.
 * Bioinformatics 2024): each batch is corrupted by masked swaps (p = 0.4, donors from one row permutation); a
 * LayerNorm + Mish encoder feeds a mask predictor and a decoder reading [latent, predicted-mask logits]; the loss is
 * 0.3·weighted MSE + 0.7·BCE on the mask. The latent is clustered by k-means below 10,000 cells, by Leiden searched
 * to K above. See README.md for what matches the original and what deviates.
 */
const READOUTS = ['auto', 'kmeans', 'leiden'] as const;

const PARAMS = defineParams({
  /** HVGs kept (the original's nb_genes). */
  nTopGenes: positiveInt(1000),
  /** Swap probability per entry. */
  maskProb: inRange(0.4, 0, 1),
  /** Weight of masked entries in the MSE (unmasked: 1 − this). */
  maskedWeight: inRange(0.75, 0, 1),
  /** Weight of the mask BCE (the MSE gets 1 − this). */
  maskLossWeight: inRange(0.7, 0, 1),
  hidden: positiveInt(128),
  /**
   * main.py trains 100 epochs but clusters the latent at `epoch == 80` (0-based), i.e. after 81 epochs; the 19
   * later epochs never reach its output. 81 gives the original's result.
   */
  epochs: positiveInt(81),
  batchSize: positiveInt(256),
  lr: real(1e-3, { above: 0 }),
  /** 'auto': k-means below `leidenAbove` cells, Leiden searched to K at or above (the original's rule). */
  readout: choice(READOUTS),
  leidenAbove: positiveInt(10000),
  /** sklearn KMeans' default restarts of the original's era. */
  nInit: positiveInt(10),
});

export type ScmaeParams = typeof PARAMS.defaults;

/** leidenAbove only acts with readout=auto; another value with a forced read-out would be silently ignored. */
export function checkScmaeParams(p: ScmaeParams): void {
  if (p.readout !== 'auto' && p.leidenAbove !== PARAMS.defaults.leidenAbove) {
    throw new Error(`scmae: leidenAbove=${p.leidenAbove} would be ignored with readout=${p.readout}; use readout=auto`);
  }
}

export const scmae = defineMethod({
  id: 'scmae',
  label: 'scMAE',
  summary: 'masked-swap corruption (p 0.4) → LayerNorm+Mish AE with mask predictor, 0.3·weighted MSE + 0.7·BCE → k-means (Leiden to K above 10k cells)',
  reference: {
    paper: 'Fang, Zheng & Li. scMAE: a masked autoencoder for single-cell RNA-seq clustering. Bioinformatics 40(1), 2024',
    url: 'https://doi.org/10.1093/bioinformatics/btae020',
    repo: 'CSUBioGroup/scMAE',
    commit: '599e443538cb081f994729cf2d9d3cbaffd40e94',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 projects to 8 min at one thread and 1.2 GB
  // (tools/bench/baselines/scale-shared.txt, 2026-12-06); 100,000 cells took 23 CPU-minutes.
  resources: { memGb: 4, cpus: 2, minutes: 60 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { epochs: 2, hidden: 16, nTopGenes: 50, nInit: 2 },
  quick: { epochs: 15 },
  checkParams: checkScmaeParams,
  run: (data, p, ctx): Promise<Clustering> => runScmae(data, p, ctx),
});

/** The read-out the original applies to N cells. */
export function chooseReadout(readout: ScmaeParams['readout'], cells: number, leidenAbove: number): 'kmeans' | 'leiden' {
  if (readout !== 'auto') return readout;
  return cells < leidenAbove ? 'kmeans' : 'leiden';
}

async function runScmae(data: Dataset, p: ScmaeParams, ctx: Context): Promise<Clustering> {
  checkParamValues('scmae', PARAMS.rules, p);
  checkScmaeParams(p);
  await initEngine();
  ctx.progress('preprocess', 0, 1);
  const x = scmaeInput(data, p.nTopGenes);
  ctx.log('preprocess', { genes: x.cols });
  const n = x.rows;
  const g = x.cols;
  const wr = createRng(ctx.seed);
  // PyTorch's nn.Linear initialisation, as the original's layers.
  const encoder = denseStack([g, 256, p.hidden, p.hidden], wr, { activation: 'mish', norm: 'layer', init: 'torch' });
  const maskHead = dense(p.hidden, g, wr, { init: 'torch' });
  const decoder = dense(p.hidden + g, g, wr, { init: 'torch' });
  const model = { variables: variablesOf(encoder, maskHead, decoder) };
  const corruption = createRng(ctx.seed ^ 0x3a5c);
  const w = p.maskedWeight;
  try {
    const report = await fit(model, {
      rows: n,
      phases: [{
        name: 'train',
        epochs: p.epochs,
        batchSize: p.batchSize,
        dropLast: n > p.batchSize, // drop_last=True; a dataset smaller than one batch would otherwise never train
        optimizer: { kind: 'adam', lr: p.lr },
        loss: (step) => {
          const rows = step.rows ?? Int32Array.from({ length: n }, (_, i) => i);
          const b = rows.length;
          const clean = new Float32Array(b * g);
          for (let r = 0; r < b; r++) clean.set(x.data.subarray(rows[r] * g, rows[r] * g + g), r * g);
          const { corrupted, mask } = maskedSwap(clean, b, g, p.maskProb, corruption, 'row-permutation');
          const target = tf.tensor2d(clean, [b, g]);
          const m = tf.tensor2d(mask, [b, g]);
          const latent = encoder.apply(tf.tensor2d(corrupted, [b, g]), { training: true });
          const logits = maskHead.apply(latent);
          const recon = decoder.apply(tf.concat([latent, logits], 1) as tf.Tensor2D);
          const weights = tf.add(tf.mul(m, w), tf.mul(tf.sub(1, m), 1 - w));
          return {
            mse: tf.mul(mse(recon, target, weights), 1 - p.maskLossWeight) as tf.Scalar,
            mask: tf.mul(bceWithLogits(logits, m), p.maskLossWeight) as tf.Scalar,
          };
        },
      }],
    }, ctx);
    ctx.progress('readout', 0, 1);
    const xt = tf.tensor2d(x.data, [n, g]);
    const latent = predict(xt, (b, o) => encoder.apply(b, o));
    xt.dispose();
    const how = chooseReadout(p.readout, n, p.leidenAbove);
    const labels = how === 'kmeans' ? kmeansReadout(latent, data.nClusters, p.nInit, ctx) : leidenReadout(latent, data.nClusters, ctx);
    return {
      labels,
      embedding: latent,
      info: { readout: how, trainSeconds: Number(report.seconds.toFixed(3)), genes: g },
    };
  } finally {
    disposeModules(encoder, maskHead, decoder);
  }
}

/**
 * scMAE's input (`datasets.py:load_data` and `normalize`, lines 164–243): DCA-style normalisation (genes with no
 * counts dropped, each cell to the median total, log1p), the top `nTop` HVGs by Seurat dispersion, `scale` without
 * clipping. The original ceils the counts first (integer counts: a no-op). Already-scaled data are used as they are.
 */
export function scmaeInput(data: Dataset, nTop: number): Matrix {
  if (data.valueType === 'scaled') return toDense(data.counts);
  return dcaPreprocess(data, { hvg: nTop }).x;
}

function kmeansReadout(latent: Matrix, k: number, nInit: number, ctx: Context): Int32Array {
  const km = kmeans(latent, k, { nInit, seed: ctx.seed });
  ctx.log('kmeans', { inertia: km.inertia, iterations: km.iterations });
  return km.labels;
}

/**
 * sc.pp.neighbors(n_neighbors=10) on the latent (the cell itself counts as one of the 10), then Leiden searched to K.
 * The exact search runs its N² products on the engine (this read-out is the one used above 10,000 cells).
 */
function leidenReadout(latent: Matrix, k: number, ctx: Context): Int32Array {
  const nNeighbors = Math.min(10, latent.rows);
  const graph = connectivities(engineKnn(latent, nNeighbors - 1), { nNeighbors });
  const res = leidenWithK(graph, k, { seed: ctx.seed });
  ctx.log('leiden', { resolution: res.resolution, clusters: res.nClusters, tries: res.tries });
  return res.labels;
}
