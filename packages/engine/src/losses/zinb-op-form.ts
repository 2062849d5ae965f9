/**
 * The ZINB NLL as plain tfjs ops (DCA / scDeepCluster's formulation, what `zinbNll` was before its custom op): the
 * reference its tests differentiate by autodiff and its benchmark times. Not for training: it evaluates both cases and
 * three lgamma series for every entry and keeps ~140 N×G tensors for the backward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { lgamma } from './lgamma.ts';

const EPS = 1e-10;

/** Mean over entries; `sf` per cell [N] scales the mean; ridge·π² added. */
export function zinbNllOpForm(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, sf: tf.Tensor, ridge: number): tf.Scalar {
  const mu = tf.mul(mean, tf.expandDims(sf, 1));
  const th = tf.add(theta, EPS);
  const t1 = tf.sub(tf.add(lgamma(th), lgamma(tf.add(x, 1))), lgamma(tf.add(x, th)));
  const t2 = tf.add(tf.mul(tf.add(th, x), tf.log1p(tf.div(mu, th))), tf.mul(x, tf.sub(tf.log(th), tf.log(tf.add(mu, EPS)))));
  const nbCase = tf.sub(tf.add(t1, t2), tf.log(tf.add(tf.sub(1, pi), EPS)));
  const zeroNb = tf.exp(tf.mul(th, tf.log(tf.div(th, tf.add(tf.add(th, mu), EPS)))));
  const zeroCase = tf.neg(tf.log(tf.add(tf.add(pi, tf.mul(tf.sub(1, pi), zeroNb)), EPS)));
  return tf.mean(tf.add(tf.where(tf.less(x, 1e-8), zeroCase, nbCase), tf.mul(ridge, tf.square(pi)))) as tf.Scalar;
}
