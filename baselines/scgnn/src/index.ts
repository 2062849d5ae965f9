import {
  checkParamValues, choice, defineMethod, defineParams, flag, inRange, positiveInt, real, type Clustering, type Context, type Dataset, type Matrix,
} from '@scbench/api';
import { createOptimizer, gcnVaeEmbedding, initEngine } from '@scbench/engine';
import { ari } from '@scbench/metrics';
import { createRng, kmeans, louvain } from '@scbench/numerics';
import { aeOutputs, disposeAe, featureAe, trainAe, type AeTraining } from './feature-ae.ts';
import { gaeGraph, louvainGraph, prunedKnn, type PrunedKnn } from './graph.ts';
import { scgnnInput } from './input.ts';

/**
 * scGNN (Wang, Ma, Chang et al. scGNN is a novel graph neural network framework for single-cell RNA-Seq analyses.
 * Nature Communications 12, 1882, 2021; juexinwang/scGNN): a feature autoencoder, a pruned kNN cell graph on its
 * embedding, a GCN-VAE on that graph whose embedding is clustered, and an EM loop that retrains the autoencoder
 * (with per-cluster autoencoders) until the clusters stop changing. Without LTMG (an R package). See README.md for
 * what matches the original and what deviates.
 */
const PARAMS = defineParams({
  /** Genes of largest variance kept (`--geneSelectnum`). */
  genes: positiveInt(2000),
  /** Log-normalised data: 'expm1' turns them back before scGNN's log(x+1); 'as-given' hands the stored values to it,
   * as the original reading such a file would (a second log). Other value types are used as stored either way. */
  logInput: choice(['expm1', 'as-given']),
  /** Feature-AE epochs before the EM loop (`--Regu-epochs`). */
  reguEpochs: positiveInt(500),
  /** EM iterations at most (`--EM-iteration`). */
  emIterations: positiveInt(10),
  /** Feature-AE epochs per EM iteration (`--EM-epochs`). */
  emEpochs: positiveInt(200),
  /**
   * 'code': as scGNN.py runs — the shared AE trains on all cells for clusterEpochs per cluster and the EM epochs also
   * read the original data (the loaders meant for the cluster and EM data are commented out, lines 578 and 603), so
   * the cluster AEs' reconstruction is never used; 'paper': those two loaders restored (each cluster's cells of the
   * reconstruction, then the EM epochs on the new reconstruction); 'off': `--quickmode`, no cluster AEs.
   */
  clusterAe: choice(['code', 'paper', 'off']),
  clusterEpochs: positiveInt(200),
  batchSize: positiveInt(12800),
  lr: real(1e-3, { above: 0 }),
  /** Weight of the summed squared error (`--gammaPara`). */
  gamma: real(0.1, { min: 0 }),
  /** Weight of Σ|θ| (`--L1Para`). */
  l1: real(1, { min: 0 }),
  knnK: positiveInt(10),
  /** 'graph': the GCN-VAE embedding is clustered (`--useGAEembedding`, the benchmark's setting); 'feature': the AE's. */
  embedding: choice(['graph', 'feature']),
  gaeHidden1: positiveInt(32),
  gaeHidden2: positiveInt(16),
  gaeEpochs: positiveInt(200),
  gaeLr: real(0.01, { above: 0 }),
  /** Hold out 15% of the edges from GAE training, as the original's link-prediction split does. */
  gaeHoldOut: flag(true),
  /** GAE reconstruction: the original's dense N×N, or edges + sampled pairs; 'auto': dense below `sampledAbove` cells. */
  reconstruction: choice(['auto', 'dense', 'sampled']),
  sampledAbove: positiveInt(5000),
  /** Sampled pairs per epoch, as a multiple of the target's entries. */
  negativeRatio: positiveInt(5),
  /** 'kmeans': k-means with the dataset's K (`--clustering-method KMeans`); 'louvain-k': the original's default
   * LouvainK, k = ⌊Louvain's cluster count × resolution⌋ (0.8 below 2,000 cells, 0.5 above). */
  readout: choice(['kmeans', 'louvain-k']),
  /** Stop when the ARI between consecutive iterations' clusters exceeds this (`--converge-celltyperatio`). */
  convergence: inRange(0.99, 0, 1),
  /** k-means restarts (scikit-learn's default of the original's era). */
  nInit: positiveInt(10),
});

export type ScgnnParams = typeof PARAMS.defaults;

const GAE_KEYS = ['gaeHidden1', 'gaeHidden2', 'gaeEpochs', 'gaeLr', 'gaeHoldOut', 'reconstruction', 'sampledAbove', 'negativeRatio'] as const;

/** Refuses values another parameter makes the method ignore. */
export function checkScgnnParams(p: ScgnnParams): void {
  const d = PARAMS.defaults;
  if (p.clusterAe === 'off' && p.clusterEpochs !== d.clusterEpochs) {
    throw new Error(`scgnn: clusterEpochs=${p.clusterEpochs} would be ignored with clusterAe=off; use clusterAe=code or paper`);
  }
  if (p.embedding === 'feature') {
    for (const k of GAE_KEYS) {
      if (p[k] !== d[k]) throw new Error(`scgnn: ${k}=${String(p[k])} would be ignored with embedding=feature (no GAE); use embedding=graph`);
    }
  }
  if (p.reconstruction !== 'auto' && p.sampledAbove !== d.sampledAbove) {
    throw new Error(`scgnn: sampledAbove=${p.sampledAbove} would be ignored with reconstruction=${p.reconstruction}; use reconstruction=auto`);
  }
  if (p.reconstruction === 'dense' && p.negativeRatio !== d.negativeRatio) {
    throw new Error(`scgnn: negativeRatio=${p.negativeRatio} would be ignored with reconstruction=dense; use reconstruction=sampled or auto`);
  }
}

export const scgnn = defineMethod({
  id: 'scgnn',
  label: 'scGNN',
  summary: 'feature AE (512-128) → pruned kNN graph → GCN-VAE (32-16) embedding → k-means with K; EM loop with cluster AEs until clusters agree (ARI > 0.99); no LTMG',
  reference: {
    paper: 'Wang, Ma, Chang, Wang, Li, Sun, Li, Wang, Xu & Ma. scGNN is a novel graph neural network framework for single-cell RNA-Seq analyses. Nature Communications 12, 1882, 2021',
    url: 'https://doi.org/10.1038/s41467-021-22197-x',
    repo: 'juexinwang/scGNN',
    commit: '09ac50ba0a2bbf87535613a2d284872074804d02',
  },
  kind: 'deep',
  // One run on a cluster (Slurm executor), estimated, not measured: up to 500 + 10 × (K·200 + 200) AE epochs; on
  // chetah_headneck (180 cells) a grid run took 38–56 min, and cbmc_top2000's ~32,500 epochs of 8,617 cells would take
  // most of a day (reports/baselines-graph, 2026-12-06).
  resources: { memGb: 4, cpus: 2, minutes: 2880 },
  defaults: PARAMS.defaults,
  paramRules: PARAMS.rules,
  smoke: { genes: 50, reguEpochs: 2, emIterations: 2, emEpochs: 2, clusterEpochs: 2, gaeEpochs: 2, nInit: 2 },
  // The README's demo schedule: --EM-iteration 2 --Regu-epochs 50 --EM-epochs 20 --quickmode.
  quick: { reguEpochs: 50, emIterations: 2, emEpochs: 20, clusterAe: 'off' },
  checkParams: checkScgnnParams,
  run: (data, p, ctx): Promise<Clustering> => runScgnn(data, p, ctx),
});

/** GAE reconstruction for N cells. */
export function reconstructionFor(p: Pick<ScgnnParams, 'reconstruction' | 'sampledAbove'>, cells: number): 'dense' | 'sampled' {
  if (p.reconstruction !== 'auto') return p.reconstruction;
  return cells < p.sampledAbove ? 'dense' : 'sampled';
}

/** The GAE's node features: the embedding binarised at each column's mean (scGNN.py lines 419–420). */
export function binariseColumns(z: Matrix): Matrix {
  const { rows, cols, data } = z;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] > mean[j] ? 1 : 0;
  return { rows, cols, data: out };
}

/** LouvainK's cluster count (scGNN.py lines 476–480): ⌊count × resolution⌋, or 2 when that is below 3. */
export function louvainK(louvainClusters: number, cells: number): number {
  const k = Math.floor(louvainClusters * (cells < 2000 ? 0.8 : 0.5));
  return k >= 3 ? k : 2;
}

function rowsOf(m: Matrix, rows: readonly number[]): Matrix {
  const data = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return { rows: rows.length, cols: m.cols, data };
}

async function runScgnn(data: Dataset, p: ScgnnParams, ctx: Context): Promise<Clustering> {
  checkParamValues('scgnn', PARAMS.rules, p);
  checkScgnnParams(p);
  await initEngine();
  ctx.progress('preprocess', 0, 1);
  const input = scgnnInput(data, p.genes, p.logInput);
  const x = input.x;
  const n = x.rows;
  ctx.log('preprocess', { genes: x.cols });
  const rng = createRng(ctx.seed);
  const ae = featureAe(x.cols, rng);
  const optimizer = createOptimizer({ kind: 'adam', lr: p.lr });
  const training = (epochs: number): AeTraining => ({ epochs, batchSize: p.batchSize, gamma: p.gamma, l1: p.l1, optimizer });
  const gaeRng = rng.fork();
  const reconstruction = reconstructionFor(p, n);
  const seconds = { ae: 0, graph: 0, gae: 0, cluster: 0 };
  let readoutK = data.nClusters;

  /** Graph and clustered embedding from the AE embedding z. */
  const embed = async (z: Matrix): Promise<{ graph: PrunedKnn; space: Matrix }> => {
    let t = performance.now();
    const graph = prunedKnn(z, p.knnK);
    seconds.graph += (performance.now() - t) / 1000;
    if (p.embedding === 'feature') return { graph, space: z };
    t = performance.now();
    const g = await gcnVaeEmbedding({
      features: binariseColumns(z), graph: gaeGraph(graph), hidden1: p.gaeHidden1, hidden2: p.gaeHidden2, epochs: p.gaeEpochs,
      lr: p.gaeLr, reconstruction, negativeRatio: p.negativeRatio, holdOutEdges: p.gaeHoldOut, rng: gaeRng,
    }, ctx);
    seconds.gae += (performance.now() - t) / 1000;
    return { graph, space: g.embedding };
  };

  const cluster = (graph: PrunedKnn, space: Matrix): Int32Array => {
    const t = performance.now();
    let k = data.nClusters;
    if (p.readout === 'louvain-k') {
      const lv = louvain(louvainGraph(graph), { seed: ctx.seed });
      k = louvainK(lv.nClusters, n);
      ctx.log('louvain', { clusters: lv.nClusters, k });
    }
    readoutK = Math.min(k, n);
    const labels = kmeans(space, readoutK, { nInit: p.nInit, seed: ctx.seed }).labels;
    seconds.cluster += (performance.now() - t) / 1000;
    return labels;
  };

  try {
    ctx.progress('feature autoencoder', 0, 1);
    seconds.ae += await trainAe(ae, x, training(p.reguEpochs), 'regu', ctx);
    let out = aeOutputs(ae, x);
    // The graph the LouvainK read-out reads is built from the feature embedding, also when the GAE's is clustered.
    let { graph, space } = await embed(out.z);
    let previous: Int32Array | null = null;
    let labels: Int32Array = new Int32Array(n);
    let agreement = 0;
    let iterations = 0;
    let converged = false;
    for (let it = 0; it < p.emIterations; it++) {
      ctx.progress('EM', it, p.emIterations);
      labels = cluster(graph, space);
      iterations = it + 1;
      ctx.snapshot(iterations, labels);
      // The original compares with the previous iteration's clusters (all cells one type before the first: ARI 0).
      agreement = previous ? ari.score(previous, labels) : 0;
      ctx.log('em', { iteration: iterations, agreement, clusters: new Set(labels).size });
      if (agreement > p.convergence) { converged = true; break; }
      // The original's remaining work in its last iteration (AE, graph, GAE) cannot change its output: skipped.
      if (it === p.emIterations - 1) break;
      previous = labels;
      const members: number[][] = [];
      labels.forEach((c, i) => (members[c] ??= []).push(i));
      const clusters = members.filter((m) => m !== undefined);
      let emData = x;
      if (p.clusterAe === 'code') {
        seconds.ae += await trainAe(ae, x, training(clusters.length * p.clusterEpochs), 'cluster-ae', ctx);
      } else if (p.clusterAe === 'paper') {
        const recon = out.recon;
        for (const rows of clusters) {
          const part = rowsOf(recon, rows);
          seconds.ae += await trainAe(ae, part, training(p.clusterEpochs), 'cluster-ae', ctx);
          const r = aeOutputs(ae, part).recon;
          rows.forEach((row, i) => recon.data.set(r.data.subarray(i * r.cols, (i + 1) * r.cols), row * r.cols));
        }
        emData = recon;
      }
      seconds.ae += await trainAe(ae, emData, training(p.emEpochs), 'em', ctx);
      out = aeOutputs(ae, emData);
      ({ graph, space } = await embed(out.z));
    }
    return {
      labels,
      embedding: space,
      info: {
        iterations,
        converged,
        agreement: Number(agreement.toFixed(4)),
        readout: p.readout === 'kmeans' ? `k-means, K = ${readoutK}` : `LouvainK: k-means, k = ${readoutK}`,
        genes: x.cols,
        gaeReconstruction: p.embedding === 'graph' ? reconstruction : 'none',
        ...(input.step ? { input: input.step } : {}),
        aeSeconds: Number(seconds.ae.toFixed(2)),
        graphSeconds: Number(seconds.graph.toFixed(2)),
        gaeSeconds: Number(seconds.gae.toFixed(2)),
        clusterSeconds: Number(seconds.cluster.toFixed(2)),
      },
    };
  } finally {
    optimizer.dispose();
    disposeAe(ae);
  }
}
