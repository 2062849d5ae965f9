import {
  checkParamValues, choice, defineMethod, defineParams, positiveInt, real, type Clustering, type Context, type Dataset, type Matrix,
} from '@scbench/api';
import { disposeModules, fit, initEngine, rowArgmax, sparseMatrix, squaredDistances, tf, toMatrix, zinbNll, type Adjacency } from '@scbench/engine';
import { createRng, csrFromDense, gaussGraphDense, gaussGraphKnn, kmeans, leiden, pca, permutation } from '@scbench/numerics';
import { attentionInput, subsetInput, zscore, type AttentionInput } from './input.ts';
import { attentionModel, graphReconstruction, type AttentionModel } from './model.ts';

export { attentionInput, zscore } from './input.ts';

/**
 * AttentionAE-sc (Li, Zhang, Wang, et al. Attention-based deep clustering method for scRNA-seq cell type
 * identification. PLOS Computational Biology 19(11), 2023): a ZINB denoising autoencoder and a GCN over a Gaussian-
 * kernel cell graph, fused by two 8-head cell-cell attention layers, with a GAE decoder reconstructing the cell
 * distances. Stage 1 trains on ZINB + 0.1·graph; stage 2 self-trains on KL(P‖Q) + 0.1·ZINB + 0.01·graph. The
 * original's faults are switches with honest defaults (studentT, earlyStop, subsample, init): see README.md.
 */
const PARAMS = defineParams({
  nTopGenes: positiveInt(2500),
  /** Log-normalised data: counts recovered with expm1, or the stored values as counts ('as-given': what the
   * original's load_data and ZINB compute when handed such a file). */
  logInput: choice(['expm1', 'as-given']),
  latent: positiveInt(16),
  heads: positiveInt(8),
  /** scanpy's n_neighbors of the Gaussian-kernel graph (cosine), the cell itself counted. */
  nNeighbors: positiveInt(15),
  /** The graph is built on a 50-component PCA from this many cells on (the original's rule). */
  graphPcaAbove: positiveInt(10000),
  stage1Epochs: positiveInt(200),
  stage2Epochs: positiveInt(100),
  lr: real(1e-3, { above: 0 }),
  /** Stage 1 stops after 50 epochs without a lower loss ('on', what the original intends; its code would crash there), or never ('off'). */
  earlyStop: choice(['on', 'off']),
  /** 'corrected': q = (1 + d²)^−1 (ν = 1); 'paper': the original's `q ** (α+1) / 2`, which squares q. */
  studentT: choice(['corrected', 'paper']),
  /** Stage 2's centres: k-means with K from the dataset, or Leiden at `resolution` (the original; K is what Leiden finds). */
  init: choice(['kmeans', 'leiden']),
  resolution: real(1, { above: 0 }),
  nInit: positiveInt(20),
  /** Above `maxCells` cells the original trains on a subsample stratified by the TRUE cell types (label leakage):
   * 'uniform' draws the same number uniformly at random; 'none' trains on every cell (heads·N² attention memory). */
  subsample: choice(['uniform', 'none']),
  maxCells: positiveInt(4000),
  /** Stage 2 stops when fewer than this fraction of labels change, after 20 epochs. */
  tol: real(1e-3, { min: 0, max: 1 }),
});

export type AttentionParams = typeof PARAMS.defaults;

/** Values another parameter makes the method ignore are refused. */
export function checkAttentionParams(p: AttentionParams): void {
  const d = PARAMS.defaults;
  if (p.init === 'kmeans' && p.resolution !== d.resolution) throw new Error(`attentionae-sc: resolution=${p.resolution} would be ignored with init=kmeans; use init=leiden`);
  if (p.init === 'leiden' && p.nInit !== d.nInit) throw new Error(`attentionae-sc: nInit=${p.nInit} would be ignored with init=leiden; use init=kmeans`);
  if (p.subsample === 'none' && p.maxCells !== d.maxCells) throw new Error(`attentionae-sc: maxCells=${p.maxCells} would be ignored with subsample=none; use subsample=uniform`);
}

export const attentionaeSc = defineMethod({
  id: 'attentionae-sc',
  label: 'AttentionAE-sc',
  summary: 'ZINB AE + GCN on a Gaussian-kernel graph fused by two 8-head cell-cell attention layers + GAE; ZINB+graph, then KL self-training',
  reference: {
    paper: 'Li, Zhang, Wang, et al. Attention-based deep clustering method for scRNA-seq cell type identification. PLOS Computational Biology 19(11), 2023',
    url: 'https://doi.org/10.1371/journal.pcbi.1011641',
    repo: 'LiShenghao813/AttentionAE-sc',
    commit: '8bfbbb831db56881c0824fa28b4095eb40bebc02',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor): cbmc_top2000 projects to 89 min at one thread and 2.6 GB (a 4,000-cell
  // training subsample; tools/bench/baselines/scale-shared.txt, 2026-12-06); worm_neuron's quick schedule peaked at
  // 4.0 GB (largest.sh).
  resources: { memGb: 8, cpus: 2, minutes: 240 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { stage1Epochs: 2, stage2Epochs: 2, nTopGenes: 50, heads: 2, nInit: 2 },
  quick: { stage1Epochs: 5, stage2Epochs: 3 },
  checkParams: checkAttentionParams,
  run: (data, p, ctx): Promise<Clustering> => runAttention(data, p, ctx),
});

/** Dense N×N graph and attention at most this many training cells with subsample=none (≈ 6 GB). */
const MAX_DENSE_CELLS = 12000;
/** Inference on all cells uses the dense Gaussian kernel up to this many cells, its kNN form above. */
const DENSE_INFERENCE_CELLS = 8000;

interface Graph { adj: Adjacency; distances: tf.Tensor2D | null; dispose(): void }

/** The Gaussian-kernel graph (cosine) of `logX`, on its 50-component PCA from `pcaAbove` cells. */
function cellGraph(logX: Matrix, p: AttentionParams, seed: number, dense: boolean): Graph {
  const x = logX.rows >= p.graphPcaAbove ? pca(logX, Math.min(50, logX.cols, logX.rows - 1), { seed }).scores : logX;
  const nNeighbors = Math.min(p.nNeighbors, x.rows);
  if (!dense) {
    const adj = sparseMatrix(gaussGraphKnn(x, { nNeighbors, metric: 'cosine' }));
    return { adj, distances: null, dispose: () => {} };
  }
  const g = gaussGraphDense(x, { nNeighbors, metric: 'cosine' });
  const adj = tf.tensor2d(g.connectivities.data, [x.rows, x.rows]);
  const distances = tf.tensor2d(g.distances.data, [x.rows, x.rows]);
  return { adj, distances, dispose: () => tf.dispose([adj, distances]) };
}

/** Q and P of the clustering stage; P keeps its gradient, as the original's `loss_func` (train.py lines 73–83). */
function softAssign(z: tf.Tensor2D, centres: tf.Tensor2D, form: AttentionParams['studentT']): { q: tf.Tensor2D; p: tf.Tensor2D } {
  const base = tf.div(1, tf.add(1, squaredDistances(z, centres)));
  const raw = form === 'paper' ? tf.div(tf.square(base), 2) : base; // q ** (α + 1.0) / 2.0 with α = 1
  const q = tf.div(raw, tf.sum(raw, 1, true)) as tf.Tensor2D;
  const w = tf.div(tf.square(q), tf.sum(q, 0, true));
  return { q, p: tf.div(w, tf.sum(w, 1, true)) as tf.Tensor2D };
}

function groupMeans(z: Matrix, labels: Int32Array, k: number): Float32Array {
  const c = new Float32Array(k * z.cols);
  const n = new Float64Array(k);
  for (let i = 0; i < z.rows; i++) {
    n[labels[i]]++;
    for (let f = 0; f < z.cols; f++) c[labels[i] * z.cols + f] += z.data[i * z.cols + f];
  }
  for (let j = 0; j < k; j++) for (let f = 0; f < z.cols; f++) c[j * z.cols + f] /= Math.max(1, n[j]);
  return c;
}

async function runAttention(data: Dataset, p: AttentionParams, ctx: Context): Promise<Clustering> {
  checkParamValues('attentionae-sc', PARAMS.rules, p);
  checkAttentionParams(p);
  await initEngine();
  ctx.progress('preprocess', 0, 1);
  const all = attentionInput(data, p.nTopGenes, p.logInput);
  const n = all.logX.rows;
  const rng = createRng(ctx.seed);
  const sub = p.subsample === 'uniform' && n >= p.maxCells;
  if (!sub && n > MAX_DENSE_CELLS) {
    throw new Error(`attentionae-sc: subsample=none on ${n} cells needs dense ${n}×${n} graph and attention maps (over ${MAX_DENSE_CELLS} cells: out of memory); use subsample=uniform`);
  }
  const rows = sub ? Int32Array.from(permutation(rng.fork(), n).subarray(0, p.maxCells)).sort() : null;
  const train: AttentionInput = rows ? subsetInput(all, rows) : all;
  const nt = train.logX.rows;
  const genes = train.logX.cols;
  ctx.progress('graph', 0, 1);
  const graph = cellGraph(train.logX, p, ctx.seed, true);
  const model = attentionModel(genes, p.latent, p.heads, rng.fork());
  const x = tf.tensor2d(zscore(train.logX).data, [nt, genes]);
  const counts = tf.tensor2d(train.counts.data, [nt, genes]);
  const sf = tf.tensor1d(train.sizeFactors);
  const on = { training: true } as const; // the original never calls model.eval()
  let centres: tf.Variable | null = null;
  try {
    const zinb = (f: ReturnType<AttentionModel['forward']>): tf.Scalar => zinbNll(counts, f.mean, f.dispersion, f.pi, { sizeFactors: sf });
    const stage1 = await fit(model, {
      phases: [{
        name: 'stage1',
        epochs: p.stage1Epochs,
        optimizer: { kind: 'adam', lr: p.lr },
        lr: (epoch) => p.lr * 0.5 ** Math.floor((epoch - 1) / 40), // StepLR(step_size=40, gamma=0.5)
        clipNorm: 3,
        ...(p.earlyStop === 'on' ? { earlyStop: { patience: 51 } } : {}), // stops once epoch − best > 50
        loss: () => {
          const f = model.forward(x, graph.adj, on);
          return { zinb: zinb(f), graph: tf.mul(graphReconstruction(f.g2, graph.distances!), 0.1) as tf.Scalar };
        },
      }],
    }, ctx);

    ctx.progress('init', 0, 1);
    const z0t = tf.tidy(() => model.forward(x, graph.adj, on).z);
    const z0 = toMatrix(z0t);
    z0t.dispose();
    let k = data.nClusters;
    let initLabels: Int32Array;
    let initCentres: Float32Array;
    if (p.init === 'kmeans') {
      const km = kmeans(z0, k, { nInit: p.nInit, seed: ctx.seed });
      initLabels = km.labels;
      initCentres = km.centers.data;
    } else {
      // utils.use_Leiden: neighbors(knn=False, method='gauss', metric='cosine') on z, Leiden at the resolution.
      const g = gaussGraphDense(z0, { nNeighbors: Math.min(15, z0.rows), metric: 'cosine' }).connectivities;
      const res = leiden(csrFromDense(g), { resolution: p.resolution, seed: ctx.seed });
      initLabels = res.labels;
      k = res.nClusters;
      initCentres = groupMeans(z0, initLabels, k);
    }
    const mu = tf.tidy(() => tf.variable(tf.tensor2d(initCentres, [k, p.latent]), true)) as tf.Variable<tf.Rank.R2>;
    centres = mu;

    let labels: Int32Array = initLabels;
    let last: Int32Array | null = null;
    const stage2 = await fit(model, {
      phases: [{
        name: 'stage2',
        epochs: p.stage2Epochs,
        variables: [...model.encoderVariables, mu],
        optimizer: { kind: 'adam', lr: p.lr },
        clipNorm: 3,
        loss: () => {
          const f = model.forward(x, graph.adj, on);
          const { q, p: target } = softAssign(f.z, mu, p.studentT);
          labels = rowArgmax(target); // dist_2_label(ae_p): the labels of this epoch, before its update
          const kl = tf.div(tf.sum(tf.mul(target, tf.sub(tf.log(target), tf.log(q)))), nt) as tf.Scalar;
          return {
            kl,
            zinb: tf.mul(zinb(f), 0.1) as tf.Scalar,
            graph: tf.mul(graphReconstruction(f.g2, graph.distances!), 0.01) as tf.Scalar,
          };
        },
        afterEpoch: ({ epoch }) => {
          const prev = last;
          last = labels;
          if (!prev) return false;
          let changed = 0;
          for (let i = 0; i < nt; i++) if (labels[i] !== prev[i]) changed++;
          return epoch - 1 > 20 && changed / nt < p.tol; // the original's `epoch > 20` counts from 0
        },
        snapshot: rows ? undefined : { every: 1, labels: () => labels },
      }],
    }, ctx);

    let final = labels;
    if (rows) final = infer(all, p, ctx.seed, model, mu);
    return {
      labels: final,
      info: {
        trainedOn: nt,
        clusters: k,
        genes,
        countsFrom: all.countsFrom,
        stage1Epochs: stage1.phases[0].epochs,
        stage1StoppedEarly: stage1.phases[0].stoppedEarly,
        stage2Epochs: stage2.phases[0].epochs,
        seconds: Number((stage1.seconds + stage2.seconds).toFixed(3)),
      },
    };
  } finally {
    tf.dispose([x, counts, sf]);
    centres?.dispose();
    graph.dispose();
    disposeModules(model);
  }
}

/** After training on a subsample: the model on every cell (z-scored over all cells), labels = argmax P. */
function infer(all: AttentionInput, p: AttentionParams, seed: number, model: AttentionModel, centres: tf.Variable<tf.Rank.R2>): Int32Array {
  const n = all.logX.rows;
  const graph = cellGraph(all.logX, p, seed, n <= DENSE_INFERENCE_CELLS);
  const x = tf.tensor2d(zscore(all.logX).data, [n, all.logX.cols]);
  try {
    const queryBlock = Math.max(16, Math.floor(2e7 / (p.heads * n)));
    return tf.tidy(() => {
      // Only z is read: the decoder's N × genes heads would take ~1 GB of the heap at cbmc_top2000's 8,617 cells.
      const f = model.encode(x, graph.adj, { training: true, queryBlock });
      return rowArgmax(softAssign(f.z, centres, p.studentT).p);
    });
  } finally {
    x.dispose();
    graph.dispose();
  }
}
