/**
 * Negative-binomial and zero-inflated NB negative log-likelihoods for raw counts, as in DCA / scDeepCluster /
 * scziDesk: x counts, μ mean (already including size factors unless `sizeFactors` is given), θ dispersion,
 * π dropout probability. Each returns the mean over all entries.
 */
import * as tf from '@tensorflow/tfjs';
import { lgamma } from './lgamma.ts';

const EPS = 1e-10;

export interface CountOptions {
  /** Per-cell size factors [N] or [N,1]; μ is multiplied by them (scDeepCluster's `mean * sf`). */
  sizeFactors?: tf.Tensor;
}

function scaled(mean: tf.Tensor, o: CountOptions): tf.Tensor {
  if (!o.sizeFactors) return mean;
  const sf = o.sizeFactors.rank === 1 ? tf.expandDims(o.sizeFactors, 1) : o.sizeFactors;
  return tf.mul(mean, sf);
}

/** Element-wise NB NLL: the DCA formulation (t1 + t2). */
function nbTerms(x: tf.Tensor, mu: tf.Tensor, theta: tf.Tensor): tf.Tensor {
  const th = tf.add(theta, EPS);
  const t1 = tf.sub(tf.add(lgamma(th), lgamma(tf.add(x, 1))), lgamma(tf.add(x, th)));
  const t2 = tf.add(
    tf.mul(tf.add(th, x), tf.log1p(tf.div(mu, th))),
    tf.mul(x, tf.sub(tf.log(th), tf.log(tf.add(mu, EPS)))),
  );
  return tf.add(t1, t2);
}

export function nbNll(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, o: CountOptions = {}): tf.Scalar {
  return tf.mean(nbTerms(x, scaled(mean, o), theta)) as tf.Scalar;
}

export interface ZinbOptions extends CountOptions {
  /** Ridge λ·π² on the dropout probability (scziDesk/scNAME use 1; scDeepCluster PyTorch 0). */
  ridge?: number;
}

export function zinbNll(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, o: ZinbOptions = {}): tf.Scalar {
  const mu = scaled(mean, o);
  const th = tf.add(theta, EPS);
  const nbCase = tf.sub(nbTerms(x, mu, theta), tf.log(tf.add(tf.sub(1, pi), EPS)));
  // P(NB = 0) = (θ / (θ + μ))^θ, written as exp(θ·log(...)) so the gradient is finite everywhere.
  const zeroNb = tf.exp(tf.mul(th, tf.log(tf.div(th, tf.add(tf.add(th, mu), EPS)))));
  const zeroCase = tf.neg(tf.log(tf.add(tf.add(pi, tf.mul(tf.sub(1, pi), zeroNb)), EPS)));
  let nll = tf.where(tf.less(x, 1e-8), zeroCase, nbCase);
  if (o.ridge) nll = tf.add(nll, tf.mul(o.ridge, tf.square(pi)));
  return tf.mean(nll) as tf.Scalar;
}
