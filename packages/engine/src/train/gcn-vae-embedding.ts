/**
 * Train a GCN-VAE on a cell graph and return μ, the node embedding (scGNN's `GAEembedding`,
 * juexinwang/scGNN@09ac50b gae_embedding.py lines 59–136): the graph's undirected edges, optionally less a random
 * held-out share (the original's `mask_test_edges` keeps ⌊E/20⌋ + ⌊E/10⌋ edges aside for a link-prediction score it
 * prints, gae/utils.py lines 93–179), give the training adjacency A; the GCN reads D^-1/2 (A+I) D^-1/2; the target is
 * A + I with posWeight and norm from A; Adam, full batch, μ of the last epoch's forward pass is the embedding.
 *
 * `reconstruction: 'dense'` is the original's N×N loss; 'sampled' draws fresh negatives each epoch
 * (losses/inner-product.ts) so memory grows with the edges — a deviation wherever a method's default uses it.
 */
import * as tf from '@tensorflow/tfjs';
import type { Context, Csr, Matrix } from '@scbench/api';
import { csrFromTriplets, type Rng } from '@scbench/numerics';
import { gcnVae } from '../layers/gcn-vae.ts';
import { disposeModules } from '../layers/layer.ts';
import { gaeKl, innerProductDenseLoss, innerProductPairLoss, innerProductWeights, samplePairs } from '../losses/inner-product.ts';
import { sparseMatrix } from '../sparse.ts';
import { toTensor } from '../tensors.ts';
import { fit, type FitReport } from './fit.ts';

export interface GcnVaeEmbeddingOptions {
  /** Node features, N × F (scGNN: the feature embedding binarised at each column's mean). */
  readonly features: Matrix;
  /** The graph, N × N: any stored entry off the diagonal is an edge (made symmetric); values and self-loops ignored. */
  readonly graph: Csr;
  readonly hidden1: number;
  readonly hidden2: number;
  readonly epochs: number;
  readonly lr: number;
  readonly reconstruction: 'dense' | 'sampled';
  /** Sampled form: uniform pairs drawn per epoch, as a multiple of the target's entries. */
  readonly negativeRatio?: number;
  /** Hold out ⌊E/20⌋ + ⌊E/10⌋ of the E undirected edges from training, as the original does. */
  readonly holdOutEdges?: boolean;
  readonly rng: Rng;
}

export interface GcnVaeEmbeddingResult {
  /** μ, N × hidden2. */
  readonly embedding: Matrix;
  /** Undirected edges trained on. */
  readonly edges: number;
  readonly report: FitReport;
}

/** The graph's undirected edges i < j (union of both directions), self-loops dropped. */
export function undirectedEdges(graph: Csr): { a: Int32Array; b: Int32Array } {
  const n = graph.rows;
  if (graph.cols !== n) throw new Error(`gcnVaeEmbedding: the graph must be square, got ${n}×${graph.cols}`);
  const seen = new Set<number>();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let e = graph.indptr[i]; e < graph.indptr[i + 1]; e++) {
      const j = graph.indices[e];
      if (j === i) continue;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      const key = lo * n + hi;
      if (seen.has(key)) continue;
      seen.add(key);
      a.push(lo);
      b.push(hi);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/** Symmetric 0/1 matrix of the edges, plus `diagonal` on the diagonal when non-zero. */
function symmetric(n: number, a: Int32Array, b: Int32Array, keep: (e: number) => boolean, diagonal: number): Csr {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let e = 0; e < a.length; e++) {
    if (!keep(e)) continue;
    r.push(a[e], b[e]);
    c.push(b[e], a[e]);
    v.push(1, 1);
  }
  if (diagonal !== 0) for (let i = 0; i < n; i++) { r.push(i); c.push(i); v.push(diagonal); }
  return csrFromTriplets(n, n, r, c, v);
}

/** D^-1/2 (A + I) D^-1/2 of a 0/1 adjacency without self-loops (gae/utils.py `preprocess_graph`, lines 182–189). */
export function gcnNormalize(adjacency: Csr): Csr {
  const n = adjacency.rows;
  const deg = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) for (let e = adjacency.indptr[i]; e < adjacency.indptr[i + 1]; e++) deg[i] += adjacency.data[e];
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    r.push(i); c.push(i); v.push(1 / deg[i]);
    for (let e = adjacency.indptr[i]; e < adjacency.indptr[i + 1]; e++) {
      const j = adjacency.indices[e];
      r.push(i); c.push(j); v.push(adjacency.data[e] / Math.sqrt(deg[i] * deg[j]));
    }
  }
  return csrFromTriplets(n, n, r, c, v);
}

export async function gcnVaeEmbedding(o: GcnVaeEmbeddingOptions, ctx: Context): Promise<GcnVaeEmbeddingResult> {
  const n = o.graph.rows;
  if (o.features.rows !== n) throw new Error(`gcnVaeEmbedding: ${o.features.rows} feature rows but the graph has ${n} nodes`);
  const { a, b } = undirectedEdges(o.graph);
  const held = new Uint8Array(a.length);
  if (o.holdOutEdges) {
    // mask_test_edges: shuffle the edge list, the first ⌊E/20⌋ (validation) and next ⌊E/10⌋ (test) leave training.
    const order = Int32Array.from({ length: a.length }, (_, i) => i);
    o.rng.shuffle(order);
    const out = Math.floor(a.length / 20) + Math.floor(a.length / 10);
    for (let s = 0; s < out; s++) held[order[s]] = 1;
  }
  const train = symmetric(n, a, b, (e) => held[e] === 0, 0);
  const trainEdges = train.indices.length;
  const { posWeight, norm } = innerProductWeights(n, trainEdges);
  const target = symmetric(n, a, b, (e) => held[e] === 0, 1);
  const adj = sparseMatrix(gcnNormalize(train));
  const model = gcnVae(o.features.cols, o.hidden1, o.hidden2, o.rng);
  const x = tf.tensor2d(o.features.data, [n, o.features.cols]);
  const denseTarget = o.reconstruction === 'dense' ? toTensor(target) : null;
  const negatives = Math.max(1, Math.round((o.negativeRatio ?? 1) * target.indices.length));
  let mu = new Float32Array(n * o.hidden2);
  try {
    const report = await fit(model, {
      phases: [{
        name: 'gae',
        epochs: o.epochs,
        optimizer: { kind: 'adam', lr: o.lr },
        loss: () => {
          const enc = model.encode(x, adj);
          const eps = new Float32Array(n * o.hidden2);
          for (let i = 0; i < eps.length; i++) eps[i] = o.rng.normal();
          const z = model.sample(enc.mu, enc.logStd, tf.tensor2d(eps, [n, o.hidden2]));
          // hidden_emb = mu.data of this forward pass (before the step), kept from the last epoch run.
          mu = (enc.mu.dataSync() as Float32Array).slice();
          const recon = denseTarget
            ? innerProductDenseLoss(z, denseTarget, posWeight, norm)
            : innerProductPairLoss(z, samplePairs(target, negatives, posWeight, norm, o.rng));
          return { recon, kl: gaeKl(enc.mu, enc.logStd) };
        },
      }],
    }, ctx);
    return { embedding: { rows: n, cols: o.hidden2, data: mu }, edges: trainEdges / 2, report };
  } finally {
    x.dispose();
    denseTarget?.dispose();
    disposeModules(model);
  }
}
