/** DEC-family clustering terms: Student-t soft assignment, the sharpened target, KL(P‖Q). */
import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../stop-gradient.ts';

/** Squared Euclidean distances between rows of z [N,d] and centres [K,d], clamped at 0. */
export function squaredDistances(z: tf.Tensor2D, centres: tf.Tensor2D): tf.Tensor2D {
  const zz = tf.sum(tf.square(z), 1, true);
  const cc = tf.reshape(tf.sum(tf.square(centres), 1), [1, -1]);
  return tf.relu(tf.sub(tf.add(zz, cc), tf.mul(2, tf.matMul(z, centres, false, true)))) as tf.Tensor2D;
}

/** q_ij ∝ (1 + ‖z_i − μ_j‖²/α)^(−(α+1)/2), rows normalised (Xie et al. 2016). */
export function studentT(z: tf.Tensor2D, centres: tf.Tensor2D, alpha = 1): tf.Tensor2D {
  const d = squaredDistances(z, centres);
  const q = tf.pow(tf.add(1, tf.div(d, alpha)), -(alpha + 1) / 2);
  return tf.div(q, tf.sum(q, 1, true)) as tf.Tensor2D;
}

/** p_ij = (q_ij² / f_j) / Σ_j' (q_ij'² / f_j') with f_j = Σ_i q_ij. A target: no gradient flows through it. */
export function decTarget(q: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const qq = stopGradient(q);
    const w = tf.div(tf.square(qq), tf.sum(qq, 0, true));
    return tf.div(w, tf.sum(w, 1, true)) as tf.Tensor2D;
  });
}

/**
 * KL(P‖Q) = Σ p log(p/q). `batchmean` (default) divides by the rows (DEC-keras, scDeepCluster);
 * `sum` is PyTorch's reduction='sum'. Zero entries of P contribute 0.
 */
export function klDivergence(p: tf.Tensor2D, q: tf.Tensor2D, reduction: 'batchmean' | 'sum' | 'mean' = 'batchmean', eps = 1e-10): tf.Scalar {
  const terms = tf.mul(p, tf.sub(tf.log(tf.add(p, eps)), tf.log(tf.add(q, eps))));
  const s = tf.sum(terms);
  if (reduction === 'sum') return s as tf.Scalar;
  return tf.div(s, reduction === 'batchmean' ? p.shape[0] : p.size) as tf.Scalar;
}
