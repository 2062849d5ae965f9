import { tf } from '@scbench/engine';

/**
 * scDCC's pairwise losses on the soft assignments of the two cells of each pair (ttgump/scDCC @ 142e4e0,
 * scDCC.py:104-110): must-link mean(−log Σ_k q1k·q2k), the two cells in one cluster; cannot-link
 * mean(−log(1 − Σ_k q1k·q2k)), in different ones. No ε, as the original.
 */
export function mustLinkLoss(q1: tf.Tensor2D, q2: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.log(tf.sum(tf.mul(q1, q2), 1)))) as tf.Scalar);
}

export function cannotLinkLoss(q1: tf.Tensor2D, q2: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.log(tf.sub(1, tf.sum(tf.mul(q1, q2), 1))))) as tf.Scalar);
}
