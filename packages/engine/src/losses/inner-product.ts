/**
 * Losses of a graph autoencoder with an inner-product decoder (logits zᵢ·zⱼ), as scGNN's GAE computes them
 * (juexinwang/scGNN@09ac50b gae/optimizer.py lines 6–19, weights from gae_embedding.py lines 88–94):
 *   recon = norm · mean over all N² pairs of BCE-with-logits(zᵢ·zⱼ, Aᵢⱼ), an edge's term weighted by posWeight;
 *   KL    = −0.5/N · mean over nodes of Σ (1 + 2·logStd − μ² − exp(logStd)²).
 * The dense form builds the N×N logits: O(N²) memory. The sampled form evaluates every edge and a uniform sample of
 * pairs, weighted so its expectation equals the dense loss; memory grows with the edges, not N².
 */
import * as tf from '@tensorflow/tfjs';
import type { Csr } from '@scbench/api';
import type { Rng } from '@scbench/numerics';

/** Stable BCE on logits per entry: max(x, 0) − x·y + log(1 + e^−|x|). */
function bceTerms(logits: tf.Tensor, target: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** The weights the original derives from the training adjacency A (no self-loops, symmetric, 0/1; `edges` = its nnz). */
export function innerProductWeights(nodes: number, edges: number): { posWeight: number; norm: number } {
  if (edges <= 0) throw new Error(`inner-product loss: the graph has no edges among its ${nodes} nodes; a graph autoencoder needs some`);
  const all = nodes * nodes;
  return { posWeight: (all - edges) / edges, norm: all / ((all - edges) * 2) };
}

/** Dense form: `target` is the N×N 0/1 reconstruction target (scGNN: A + I). */
export function innerProductDenseLoss(z: tf.Tensor2D, target: tf.Tensor2D, posWeight: number, norm: number): tf.Scalar {
  return tf.tidy(() => {
    const logits = tf.matMul(z, z, false, true);
    const w = tf.add(1, tf.mul(target, posWeight - 1)); // posWeight on edges, 1 elsewhere
    return tf.mul(tf.mean(tf.mul(bceTerms(logits, target), w)), norm) as tf.Scalar;
  });
}

/** Pairs (rows[s], cols[s]) with their 0/1 label and the weight of their BCE term in the loss (a plain sum). */
export interface PairSample {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly labels: Float32Array;
  readonly weights: Float32Array;
}

/**
 * z_rowsₛ · z_colsₛ for every pair, with its gradient (dz_r += gₛ·z_c, dz_c += gₛ·z_r), as typed-array loops: two
 * gathers and their scatter-add gradient over ~10⁶ pairs cost seconds per epoch on the wasm backend, these loops
 * milliseconds (the same reasoning as sparse.ts).
 */
export function pairDots(z: tf.Tensor2D, rows: Int32Array, cols: Int32Array): tf.Tensor1D {
  const [n, d] = z.shape;
  const m = rows.length;
  const op = tf.customGrad(((zt: tf.Tensor) => {
    const zd = zt.dataSync() as Float32Array;
    const out = new Float32Array(m);
    for (let s = 0; s < m; s++) {
      const a = rows[s] * d;
      const b = cols[s] * d;
      let acc = 0;
      for (let k = 0; k < d; k++) acc += zd[a + k] * zd[b + k];
      out[s] = acc;
    }
    return {
      value: tf.tensor1d(out),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        const gz = new Float32Array(n * d);
        for (let s = 0; s < m; s++) {
          const gs = g[s];
          if (gs === 0) continue;
          const a = rows[s] * d;
          const b = cols[s] * d;
          for (let k = 0; k < d; k++) {
            gz[a + k] += gs * zd[b + k];
            gz[b + k] += gs * zd[a + k];
          }
        }
        return tf.tensor2d(gz, [n, d]);
      },
    };
  }) as never);
  return op(z) as tf.Tensor1D;
}

/** Σₛ weightₛ · BCE-with-logits(z_rowsₛ · z_colsₛ, labelₛ): the sampled form's loss for one draw. */
export function innerProductPairLoss(z: tf.Tensor2D, s: PairSample): tf.Scalar {
  return tf.tidy(() => {
    const logits = pairDots(z, s.rows, s.cols);
    return tf.sum(tf.mul(bceTerms(logits, tf.tensor1d(s.labels)), tf.tensor1d(s.weights))) as tf.Scalar;
  });
}

function hasEntry(t: Csr, i: number, j: number): boolean {
  for (let e = t.indptr[i]; e < t.indptr[i + 1]; e++) if (t.indices[e] === j) return true;
  return false;
}

/**
 * One draw of the sampled form for the N×N 0/1 target `target` (its stored entries are the ones): every entry of
 * the target with weight norm·posWeight/N², and `negatives` uniform pairs of all N², each weighted norm/negatives
 * when it is not an entry and 0 when it is (its term is already counted exactly). The expectation over draws of
 * innerProductPairLoss equals innerProductDenseLoss.
 */
export function samplePairs(target: Csr, negatives: number, posWeight: number, norm: number, rng: Rng): PairSample {
  const n = target.rows;
  if (target.cols !== n) throw new Error(`samplePairs: the target must be square, got ${n}×${target.cols}`);
  if (!Number.isInteger(negatives) || negatives < 1) throw new Error(`samplePairs: negatives must be a positive integer, got ${negatives}`);
  const pos = target.indices.length;
  const size = pos + negatives;
  const rows = new Int32Array(size);
  const cols = new Int32Array(size);
  const labels = new Float32Array(size);
  const weights = new Float32Array(size);
  const all = n * n;
  const wPos = (norm * posWeight) / all;
  for (let i = 0, s = 0; i < n; i++) {
    for (let e = target.indptr[i]; e < target.indptr[i + 1]; e++, s++) {
      rows[s] = i;
      cols[s] = target.indices[e];
      labels[s] = 1;
      weights[s] = wPos;
    }
  }
  const wNeg = norm / negatives;
  for (let s = pos; s < size; s++) {
    const i = rng.randint(n);
    const j = rng.randint(n);
    rows[s] = i;
    cols[s] = j;
    weights[s] = hasEntry(target, i, j) ? 0 : wNeg;
  }
  return { rows, cols, labels, weights };
}

/** −0.5/N · mean over nodes of Σⱼ (1 + 2·logStd − μ² − exp(logStd)²), N = rows of μ (the original's double 1/N). */
export function gaeKl(mu: tf.Tensor2D, logStd: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const n = mu.shape[0];
    const inner = tf.sub(tf.sub(tf.add(1, tf.mul(logStd, 2)), tf.square(mu)), tf.exp(tf.mul(logStd, 2)));
    return tf.mul(tf.mean(tf.sum(inner, 1)), -0.5 / n) as tf.Scalar;
  });
}
