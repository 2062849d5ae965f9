/** Cross-modal alignment terms of scLLM-DSC (§3.7). */
import * as tf from '@tensorflow/tfjs';

/** Rows scaled to unit L2 norm (F.normalize with eps 1e-12). */
export function l2NormalizeRows(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), eps)) as tf.Tensor2D;
}

/** Columns scaled to unit L2 norm over the cells (scCDCG's pre-training z). */
export function l2NormalizeCols(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 0, true), eps)) as tf.Tensor2D;
}

/**
 * Bidirectional InfoNCE: S = a·bᵀ/τ, loss = ½(CE over rows + CE over columns) with the diagonal as positives.
 * Inputs are usually unit rows; computed with log-softmax, so any scale is safe.
 */
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, temperature = 0.1): tf.Scalar {
  const s = tf.div(tf.matMul(a, b, false, true), temperature);
  const n = s.shape[0];
  const eye = tf.eye(n);
  const rows = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(s, 1), eye)), n));
  const cols = tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(tf.transpose(s), 1), eye)), n));
  return tf.mul(0.5, tf.add(rows, cols)) as tf.Scalar;
}

/** VICReg-style variance hinge: mean over dims of relu(1 − √(Var(z[:,k]) + ε)), unbiased variance as torch.var. */
export function varianceRegulariser(z: tf.Tensor2D, eps = 1e-4): tf.Scalar {
  const n = z.shape[0];
  const { variance } = tf.moments(z, 0);
  const unbiased = tf.mul(variance, n > 1 ? n / (n - 1) : 1);
  return tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(unbiased, eps))))) as tf.Scalar;
}
