/**
 * scNAME's neighbourhood contrastive loss with a memory bank (aster-ww/scNAME@e468be9 scNAME_loss.py lines 30–64,
 * `neighbor_k_loss`): rows of the batch latent z, its corrupted-view latent z̃ and the bank are L2-normalised; the
 * positives of cell i are the k bank entries most similar to z_i (the bank holds this batch's own z, so the cell is
 * among them); with s(a, b) = a·b / T,
 *   loss = −(1/B) Σ_i log( Σ_{j ∈ topk(z_i)} e^{s(z̃_i, bank_j)} / Σ_{j ∈ bank} e^{s(z̃_i, bank_j)} ).
 * The bank is a constant (no gradient), as the original's variable. Cost O(B·N·d) per batch.
 */
import * as tf from '@tensorflow/tfjs';
import { l2NormalizeRows } from './contrastive.ts';

export function neighbourContrastive(z: tf.Tensor2D, zTilde: tf.Tensor2D, bank: tf.Tensor2D, k: number, temperature: number): tf.Scalar {
  if (!Number.isInteger(k) || k < 1 || k > bank.shape[0]) throw new Error(`neighbourContrastive: k must be an integer in [1, ${bank.shape[0]}] (the bank's rows), got ${k}`);
  if (!(temperature > 0)) throw new Error(`neighbourContrastive: temperature must be > 0, got ${temperature}`);
  const b = l2NormalizeRows(bank);
  const zn = l2NormalizeRows(z);
  const tn = l2NormalizeRows(zTilde);
  const idx = tf.topk(tf.matMul(zn, b, false, true), k).indices; // [B, k], no gradient needed
  const logits = tf.div(tf.matMul(tn, b, false, true), temperature) as tf.Tensor2D; // [B, N]
  // [B, N] mask of row i's k neighbours, built from the indices (a one-hot [B, k, N] would be k times larger).
  const n = b.shape[0];
  const rows = z.shape[0];
  const nb = idx.dataSync();
  const mask = new Uint8Array(rows * n);
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) mask[i * n + nb[i * k + c]] = 1;
  const isPositive = tf.tensor2d(mask, [rows, n], 'bool');
  const logNum = tf.logSumExp(tf.where(isPositive, logits, tf.fill(logits.shape, -1e9)), 1);
  const logDen = tf.logSumExp(logits, 1);
  return tf.neg(tf.mean(tf.sub(logNum, logDen))) as tf.Scalar;
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
