/**
 * scNAME's neighbourhood contrastive loss with a memory bank (aster-ww/scNAME@e468be9 scNAME_loss.py lines 30–64,
 * `neighbor_k_loss`): rows of the batch latent z, its corrupted-view latent z̃ and the bank are L2-normalised; the
 * positives of cell i are the k bank entries most similar to z_i (the bank holds this batch's own z, so the cell is
 * among them); with s(a, b) = a·b / T,
 *   loss = −(1/B) Σ_i log( Σ_{j ∈ topk(z_i)} e^{s(z̃_i, bank_j)} / Σ_{j ∈ bank} e^{s(z̃_i, bank_j)} ).
 * The bank is a constant (no gradient), as the original's variable. Cost O(B·N·d) per batch.
 *
 * Both log-sum-exps and their gradient are one pass over the B × N logits in `contrastiveOverBank` below: written
 * with tfjs ops (`neighbourContrastiveOpForm`) the value and gradient cost about 4× the CPU time at a batch of 256
 * against a bank of 8,617 cells (`tools/bench/engine/src/neighbour-contrastive.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import { float32Now } from '../tensors.ts';
import { l2NormalizeRows } from './contrastive.ts';

export function neighbourContrastive(z: tf.Tensor2D, zTilde: tf.Tensor2D, bank: tf.Tensor2D, k: number, temperature: number): tf.Scalar {
  if (!Number.isInteger(k) || k < 1 || k > bank.shape[0]) throw new Error(`neighbourContrastive: k must be an integer in [1, ${bank.shape[0]}] (the bank's rows), got ${k}`);
  if (!(temperature > 0)) throw new Error(`neighbourContrastive: temperature must be > 0, got ${temperature}`);
  const b = l2NormalizeRows(bank);
  const positives = tf.tidy(() => tf.topk(tf.matMul(l2NormalizeRows(z), b, false, true), k).indices); // [B, k], no gradient
  const nb = Int32Array.from(positives.dataSync());
  positives.dispose();
  return contrastiveOverBank(l2NormalizeRows(zTilde), b, nb, k, temperature);
}

/**
 * −(1/B) Σ_i [lse_{j ∈ P_i} l_ij − lse_j l_ij] with l = t·bᵀ / T and P_i = positives[i·k … i·k + k), and its gradient
 * for t: (1/T)·G·b with G_ij = (softmax_j(l_i) − [j ∈ P_i]·softmax_{P_i}(l_i)) / B. Sums in float64.
 */
function contrastiveOverBank(t: tf.Tensor2D, b: tf.Tensor2D, positives: Int32Array, k: number, temperature: number): tf.Scalar {
  const op = tf.customGrad(((tIn: tf.Tensor, save: tf.GradSaveFunc) => {
    const [rows, n] = [tIn.shape[0]!, b.shape[0]];
    const logitsT = tf.matMul(tIn as tf.Tensor2D, b, false, true);
    // A heap view, read only: valid until the next engine allocation, and none is made before the loop ends.
    const raw = float32Now(logitsT);
    const g = new Float32Array(rows * n);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const o = i * n;
      let m = -Infinity;
      for (let j = 0; j < n; j++) m = Math.max(m, raw[o + j] / temperature);
      let sumAll = 0;
      for (let j = 0; j < n; j++) { const e = Math.exp(raw[o + j] / temperature - m); g[o + j] = e; sumAll += e; }
      let mp = -Infinity;
      for (let c = 0; c < k; c++) mp = Math.max(mp, raw[o + positives[i * k + c]] / temperature);
      let sumPos = 0;
      for (let c = 0; c < k; c++) sumPos += Math.exp(raw[o + positives[i * k + c]] / temperature - mp);
      const lseAll = m + Math.log(sumAll);
      const lsePos = mp + Math.log(sumPos);
      total += lseAll - lsePos;
      const scaleAll = 1 / (sumAll * rows);
      for (let j = 0; j < n; j++) g[o + j] *= scaleAll;
      for (let c = 0; c < k; c++) { const j = positives[i * k + c]; g[o + j] -= Math.exp(raw[o + j] / temperature - lsePos) / rows; }
    }
    logitsT.dispose();
    save([tf.tensor2d(g, [rows, n])]);
    return {
      value: tf.scalar(total / rows),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.matMul(saved[0] as tf.Tensor2D, b), tf.div(dy, temperature)),
    };
  }) as never);
  return op(t) as tf.Scalar;
}

/** The N×d memory bank: rows overwritten with each batch's latent (values only), read as a constant tensor. */
export interface MemoryBank {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
  /** Write the batch's latent (a tensor [B, d]) into rows `rows`. */
  update(rows: Int32Array, z: tf.Tensor2D): void;
  /** The bank as a new tensor (the caller disposes it, e.g. inside a tidy). */
  tensor(): tf.Tensor2D;
}

export function memoryBank(rows: number, cols: number): MemoryBank {
  const data = new Float32Array(rows * cols);
  return {
    rows,
    cols,
    data,
    update(idx, z) {
      if (z.shape[0] !== idx.length || z.shape[1] !== cols) throw new Error(`memoryBank: update of [${z.shape}] for ${idx.length} rows of width ${cols}`);
      const v = z.dataSync();
      for (let r = 0; r < idx.length; r++) data.set(v.subarray(r * cols, r * cols + cols), idx[r] * cols);
    },
    tensor: () => tf.tensor2d(data, [rows, cols]),
  };
}
