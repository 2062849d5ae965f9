import * as tf from '@tensorflow/tfjs';

/**
 * exp(·) clamped to [lo, hi], written exp(clamp(·, ln lo, ln hi)). The originals (DCA, scDeepCluster, scDCC,
 * AttentionAE-sc) write clamp(exp(·), lo, hi): the same values and the same gradients wherever those are finite, but
 * once a logit passes ~88 float32 exp overflows and their backward pass computes 0·∞ = NaN (scDeepCluster's
 * pre-train on treutlein_lung, whose values reach 2.4e9, does so at epoch ~30).
 */
export function clampedExp(logits: tf.Tensor, lo: number, hi: number): tf.Tensor {
  if (!(lo > 0) || !(hi > lo)) throw new Error(`clampedExp: need 0 < lo < hi, got [${lo}, ${hi}]`);
  return tf.tidy(() => tf.exp(tf.clipByValue(logits, Math.log(lo), Math.log(hi))));
}
