import {
  checkParamValues, choice, defineMethod, defineParams, positiveInt, real, type Clustering, type Context, type Dataset, type Matrix,
} from '@scbench/api';
import {
  bce, decTarget, disposeModules, engineRowProducts, fit, initEngine, klDivergence, mse, rowArgmax, sparseMatrix, tf, toMatrix,
} from '@scbench/engine';
import { createRng, kmeans, pca, similarityGraph, SIMILARITIES } from '@scbench/numerics';
import { scdscInput } from './input.ts';

export { scdscInput } from './input.ts';
import { sdcnModel } from './model.ts';

/** The network, for tools/bench/baselines/scdsc-step-memory.ts. */
export { sdcnModel } from './model.ts';

/**
 * scDSC (Gan, Huang, Zou, Lu & Li. Deep structural clustering for single-cell RNA-seq data jointly through
 * autoencoder and graph neural network. Briefings in Bioinformatics 23(2), 2022): SDCN's autoencoder + GCN with
 * BatchNorm and a ZINB head, σ = 0.5 mixing, trained full batch on 0.1·BCE(Q, P) + 0.01·KL(P‖Z) + MSE + 0.1·ZINB;
 * the read-out is the argmax of the GCN softmax. See README.md for what matches and what deviates.
 */
const PARAMS = defineParams({
  /** 'paper': 0.1·BCE(Q, P) as scDSC; 'kl': 0.1·KL(P‖Q) as SDCN. */
  loss: choice(['paper', 'kl']),
  /** 'cutoffs': scanpy's min_mean/max_mean/min_disp HVGs (the original); 'auto': the same, but all genes of a panel of
   * ≤ 1000 genes; 'all': no selection. */
  hvg: choice(['auto', 'cutoffs', 'all']),
  /** Log-normalised data: counts recovered with expm1, or the stored values as counts ('as-given': what the
   * original's scanpy_filter.py and ZINB compute when handed such a file). */
  logInput: choice(['expm1', 'as-given']),
  /** Similarity of the top-k graph (calcu_graph's methods): scDSC's 'p', or heat / cos / ncos. */
  graph: choice(SIMILARITIES as readonly ('p' | 'heat' | 'cos' | 'ncos')[], 'p'),
  knnK: positiveInt(10),
  /** 'auto': the graph from the features below `graphPcaAbove` cells, from their PCA above (an O(N²·d) search). */
  graphInput: choice(['auto', 'features', 'pca']),
  graphPcaAbove: positiveInt(20000),
  graphPcs: positiveInt(50),
  enc1: positiveInt(500),
  enc2: positiveInt(500),
  enc3: positiveInt(2000),
  latent: positiveInt(10),
  pretrainEpochs: positiveInt(200),
  pretrainBatch: positiveInt(1024),
  pretrainLr: real(1e-3, { above: 0 }),
  epochs: positiveInt(300),
  lr: real(1e-4, { above: 0 }),
  nInit: positiveInt(20),
  /** Gradient checkpointing of the full-batch step ('auto': above `RECOMPUTE_ABOVE` cells × (genes + layer widths)):
   * the same gradients up to rounding, about half the memory, about a third more time per step. */
  recompute: choice(['auto', 'always', 'never']),
  wQ: real(0.1, { min: 0 }),
  wKl: real(0.01, { min: 0 }),
  wMse: real(1, { min: 0 }),
  wZinb: real(0.1, { min: 0 }),
});

export type ScdscParams = typeof PARAMS.defaults;

/** graphPcaAbove and graphPcs act only with graphInput=auto / a PCA input; other values would be silently ignored. */
export function checkScdscParams(p: ScdscParams): void {
  const d = PARAMS.defaults;
  if (p.graphInput !== 'auto' && p.graphPcaAbove !== d.graphPcaAbove) {
    throw new Error(`scdsc: graphPcaAbove=${p.graphPcaAbove} would be ignored with graphInput=${p.graphInput}; use graphInput=auto`);
  }
  if (p.graphInput === 'features' && p.graphPcs !== d.graphPcs) {
    throw new Error(`scdsc: graphPcs=${p.graphPcs} would be ignored with graphInput=features; use graphInput=pca or auto`);
  }
}

export const scdsc = defineMethod({
  id: 'scdsc',
  label: 'scDSC',
  summary: 'SDCN AE (BatchNorm) + 5-layer GCN (σ 0.5) + ZINB head on a top-10 similarity graph; 0.1·BCE(Q,P) + 0.01·KL + MSE + 0.1·ZINB; argmax of the GCN softmax',
  reference: {
    paper: 'Gan, Huang, Zou, Lu & Li. Deep structural clustering for single-cell RNA-seq data jointly through autoencoder and graph neural network. Briefings in Bioinformatics 23(2), 2022',
    url: 'https://doi.org/10.1093/bib/bbac018',
    repo: 'DHUDBlab/scDSC',
    commit: '1247a63aac17bdfb9cd833e3dbe175c4c92c26be',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 projects to 176 min at one thread and 3.3 GB (full batch,
  // checkpointed; tools/bench/baselines/scale-shared.txt, 2026-12-06).
  resources: { memGb: 6, cpus: 2, minutes: 360 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { pretrainEpochs: 2, epochs: 2, enc1: 16, enc2: 16, enc3: 32, nInit: 2 },
  quick: { pretrainEpochs: 5, epochs: 10 },
  checkParams: checkScdscParams,
  run: (data, p, ctx): Promise<Clustering> => runScdsc(data, p, ctx),
});

/**
 * Above this many cells × (genes + enc1 + enc2 + enc3), recompute=auto checkpoints the full-batch step. The step's
 * wasm heap grows with that product: about 145 bytes per unit without checkpoints (2.0 GiB at 3,000 cells × 2,000
 * genes; cbmc_top2000's 8,617 × 391 genes aborts the 4 GiB heap), 65–90 with them (1.0 GiB at 3,000 × 2,000,
 * 2.5 GiB at 8,617 × 391, 2.7 GiB at 8,617 × 2,000), measured by tools/bench/baselines/scdsc-step-memory.ts
 * (2026-12-06). 10⁷ units is about 1.4 GiB without checkpoints.
 */
export const RECOMPUTE_ABOVE = 10_000_000;

export function recomputes(p: Pick<ScdscParams, 'recompute' | 'enc1' | 'enc2' | 'enc3'>, cells: number, genes: number): boolean {
  return p.recompute === 'always' || (p.recompute === 'auto' && cells * (genes + p.enc1 + p.enc2 + p.enc3) > RECOMPUTE_ABOVE);
}

/** The graph's input for N cells: the features, or their PCA above `graphPcaAbove` cells with graphInput=auto. */
export function graphInputFor(p: Pick<ScdscParams, 'graphInput' | 'graphPcaAbove'>, cells: number): 'features' | 'pca' {
  if (p.graphInput !== 'auto') return p.graphInput;
  return cells < p.graphPcaAbove ? 'features' : 'pca';
}

async function runScdsc(data: Dataset, p: ScdscParams, ctx: Context): Promise<Clustering> {
  checkParamValues('scdsc', PARAMS.rules, p);
  checkScdscParams(p);
  await initEngine();
  ctx.progress('preprocess', 0, 1);
  const input = scdscInput(data, p.hvg, p.logInput);
  const n = input.x.rows;
  const genes = input.x.cols;
  const k = data.nClusters;
  ctx.progress('graph', 0, 1);
  const t0 = performance.now();
  const graphFrom = graphInputFor(p, n);
  const gx: Matrix = graphFrom === 'pca' ? pca(input.x, Math.min(p.graphPcs, n - 1, genes), { seed: ctx.seed }).scores : input.x;
  // The N² similarity products run on the engine (the same neighbours as numerics' JS products, float32).
  const adj = sparseMatrix(similarityGraph(gx, p.knnK, p.graph, { product: engineRowProducts }));
  const graphSeconds = (performance.now() - t0) / 1000;
  ctx.log('graph', { seconds: graphSeconds, nnz: adj.csr.indices.length, genes });

  const model = sdcnModel(genes, [p.enc1, p.enc2, p.enc3], p.latent, k, createRng(ctx.seed));
  const x = tf.tensor2d(input.x.data, [n, genes]);
  const counts = tf.tensor2d(input.counts.data, [n, genes]);
  const sf = tf.tensor1d(input.sizeFactors);
  const train = { training: true } as const; // the original never calls model.eval(): BatchNorm always uses batch statistics
  try {
    const pre = await fit(model.ae, {
      rows: n,
      phases: [{
        name: 'pretrain',
        epochs: p.pretrainEpochs,
        batchSize: p.pretrainBatch,
        optimizer: { kind: 'adam', lr: p.pretrainLr },
        loss: (step) => {
          const xb = step.take(x);
          return { mse: mse(model.autoencode(xb, train).xBar, xb) };
        },
      }],
    }, ctx);

    ctx.progress('k-means', 0, 1);
    const z0 = tf.tidy(() => model.embed(x, train));
    const km = kmeans(toMatrix(z0), k, { nInit: p.nInit, seed: ctx.seed });
    z0.dispose();
    tf.tidy(() => model.centres.assign(tf.tensor2d(km.centers.data, [k, p.latent])));

    const recompute = recomputes(p, n, genes);
    let epochLabels: Int32Array = new Int32Array(n);
    const trained = await fit(model, {
      rows: n,
      phases: [{
        name: 'train',
        epochs: p.epochs,
        optimizer: { kind: 'adam', lr: p.lr },
        loss: () => {
          const f = model.trainingPass(x, counts, sf, adj, recompute);
          // The original refreshes P from a separate forward pass at the same weights before each step; with
          // full-batch BatchNorm that pass equals this one, so P comes from this forward's Q (no gradient).
          const target = decTarget(f.q);
          epochLabels = rowArgmax(f.predict); // what the original prints at this epoch (before its update)
          return {
            q: tf.mul(p.loss === 'paper' ? bce(f.q, target) : klDivergence(target, f.q), p.wQ) as tf.Scalar,
            kl: tf.mul(klDivergence(target, f.predict), p.wKl) as tf.Scalar,
            mse: tf.mul(f.mse, p.wMse) as tf.Scalar,
            zinb: tf.mul(f.zinb, p.wZinb) as tf.Scalar,
          };
        },
        snapshot: { every: 1, labels: () => epochLabels },
      }],
    }, ctx);

    const final = tf.tidy(() => model.readout(x, adj, train));
    const labels = rowArgmax(final);
    final.dispose();
    return {
      labels,
      info: {
        graph: `${p.graph} top-${p.knnK} on ${graphFrom}`,
        genes,
        countsFrom: input.countsFrom,
        recompute,
        graphSeconds: Number(graphSeconds.toFixed(3)),
        pretrainSeconds: Number(pre.seconds.toFixed(3)),
        trainSeconds: Number(trained.seconds.toFixed(3)),
      },
    };
  } finally {
    x.dispose();
    counts.dispose();
    sf.dispose();
    disposeModules(model);
  }
}
