import * as tf from '@tensorflow/tfjs';

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey coefficients): a closed form that tfjs ops can
// differentiate. The scalar ln Γ of the repository is numerics' `lgamma` (exact to a few ulps); tests hold this op to it.
const G = 7;
const C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 as differentiable tfjs ops (tfjs has no lgamma). Uses Γ(x) = Γ(x+1)/x so the Lanczos series
 * is evaluated at x+1 ≥ 1; its derivative (digamma) comes from autodiff. Float32 accuracy is ~1e-6 relative,
 * plenty for count likelihoods (float64 references: numerics' `lgamma`).
 */
export function lgamma(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let a: tf.Tensor = tf.scalar(C[0]);
    for (let i = 1; i < 9; i++) a = tf.add(a, tf.div(C[i], tf.add(x, i)));
    const t = tf.add(x, G + 0.5);
    return tf.sub(tf.add(tf.sub(tf.mul(tf.add(x, 0.5), tf.log(t)), t), tf.log(a)), tf.sub(tf.log(x), HALF_LOG_2PI));
  });
}
