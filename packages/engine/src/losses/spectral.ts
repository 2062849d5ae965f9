/** scCDCG's relaxed normalised-cut terms (§4.4): −tr(zᵀ L z)/d and ‖zᵀz − I‖² averaged. */
import * as tf from '@tensorflow/tfjs';
import { propagate, type Adjacency } from '../layers/gcn.ts';

/** −tr(zᵀ Â z) / d for a normalised adjacency Â (dense or sparse). tr(zᵀÂz) = Σ z ⊙ (Âz). */
export function ncutTrace(z: tf.Tensor2D, adj: Adjacency): tf.Scalar {
  const az = propagate(adj, z);
  return tf.neg(tf.div(tf.sum(tf.mul(z, az)), z.shape[1])) as tf.Scalar;
}

/** mean((zᵀz − I)²) over the d×d entries. */
export function orthogonality(z: tf.Tensor2D): tf.Scalar {
  const g = tf.matMul(z, z, true, false);
  return tf.mean(tf.square(tf.sub(g, tf.eye(z.shape[1])))) as tf.Scalar;
}
