import * as tf from '@tensorflow/tfjs';
import { MSE_KERNEL } from '../ort/mse-kernels.ts';

/** Mean squared error over all entries; with `weights`, mean of w ⊙ (x̂ − x)² (scMAE's masked weighting). */
export function mse(pred: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  // The fused kernel (wasm+onnxruntime) needs identical float32 shapes; anything else composes tfjs ops.
  const fast = !weights && pred.dtype === 'float32' && target.dtype === 'float32' && tf.util.arraysEqual(pred.shape, target.shape);
  if (fast && tf.getKernel(MSE_KERNEL, tf.getBackend())) {
    return tf.engine().runKernel(MSE_KERNEL, { pred, target }) as tf.Scalar;
  }
  const sq = tf.squaredDifference(pred, target);
  return tf.mean(weights ? tf.mul(sq, weights) : sq) as tf.Scalar;
}

/** Binary cross-entropy on probabilities, clipped away from 0 and 1; mean over entries. */
export function bce(prob: tf.Tensor, target: tf.Tensor, eps = 1e-7): tf.Scalar {
  const p = tf.clipByValue(prob, eps, 1 - eps);
  const ll = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))));
  return tf.neg(tf.mean(ll)) as tf.Scalar;
}

/** BCE on logits, computed stably as max(z,0) − z·y + log(1 + e^−|z|); mean over entries (optionally weighted). */
export function bceWithLogits(logits: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  const l = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.mean(weights ? tf.mul(l, weights) : l) as tf.Scalar;
}
