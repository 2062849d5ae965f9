/**
 * Soft k-means loss of scziDesk and scNAME (xuebaliang/scziDesk @ eaaf88f, scziDesk/loss.py `cal_dist` and
 * network.py `kmeans_loss`): with d_ik = ‖z_i − μ_k‖²,
 *   w_ik = normalise_k( softmax_k(−d_ik)² ),   loss = mean_i Σ_k w_ik · d_ik.
 * As in the original, gradients flow through the weights w as well as through d (nothing is stopped), and the
 * softmax is taken after subtracting each row's minimum distance (the same value, numerically safe).
 * Read-out in both originals: argmin_k d_ik.
 */
import * as tf from '@tensorflow/tfjs';

/** ‖z_i − μ_k‖² [N, K], computed as the original does (broadcast difference), exact near 0 and ≥ 0. */
export function pairwiseSquaredDistances(z: tf.Tensor2D, centres: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.square(tf.sub(tf.expandDims(z, 1), tf.expandDims(centres, 0))), 2) as tf.Tensor2D;
}

/** The weights w [N, K] (rows sum to 1) for distances d [N, K]. */
export function softKmeansWeights(d: tf.Tensor2D): tf.Tensor2D {
  const shifted = tf.sub(d, tf.min(d, 1, true));
  const e = tf.exp(tf.neg(shifted));
  const q = tf.square(tf.div(e, tf.sum(e, 1, true)));
  return tf.div(q, tf.sum(q, 1, true)) as tf.Tensor2D;
}

/** mean_i Σ_k w_ik d_ik for the batch bottleneck z [N, d] and centres [K, d]. */
export function softKmeans(z: tf.Tensor2D, centres: tf.Tensor2D): tf.Scalar {
  const d = pairwiseSquaredDistances(z, centres);
  return tf.mean(tf.sum(tf.mul(d, softKmeansWeights(d)), 1)) as tf.Scalar;
}
