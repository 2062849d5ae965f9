/**
 * Negative-binomial and zero-inflated NB negative log-likelihoods for raw counts, as in DCA / scDeepCluster /
 * scziDesk: x counts, μ mean (already including size factors unless `sizeFactors` is given), θ dispersion,
 * π dropout probability. Each returns the mean over all entries.
 */
import * as tf from '@tensorflow/tfjs';
import { gridStrides, zinbNllGradients, zinbNllSum, type ZinbGrid } from '@scbench/numerics';
import { float32Now } from '../tensors.ts';
import { lgamma } from './lgamma.ts';

const EPS = 1e-10;

export interface CountOptions {
  /** Per-cell size factors [N] or [N,1]; μ is multiplied by them (scDeepCluster's `mean * sf`). */
  sizeFactors?: tf.Tensor;
}

/** The size factors as a column [N, 1] (or null), to scale μ row by row. */
function sizeFactorColumn(o: CountOptions): tf.Tensor | null {
  if (!o.sizeFactors) return null;
  return o.sizeFactors.rank === 1 ? tf.expandDims(o.sizeFactors, 1) : o.sizeFactors;
}

function scaled(mean: tf.Tensor, o: CountOptions): tf.Tensor {
  const sf = sizeFactorColumn(o);
  return sf ? tf.mul(mean, sf) : mean;
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

/**
 * Mean ZINB NLL as a custom op over the tensors' data: the value and, in the backward pass, the analytic
 * derivatives in μ (the decoder's mean), θ and π are one float64 loop each over the entries (numerics'
 * `zinbNllSum` / `zinbNllGradients`, formulas there), which evaluate only the case (zero or positive count) each
 * entry needs. The op form (~140 element-wise tfjs kernels over every entry) spent ~80 % of a scDeepCluster step;
 * its autodiff also kept ~140 N×G tensors for the backward pass (a 256 × 13,714 step peaked at 4.9 GB; 1.1 GB
 * since the custom gradient). losses.test.ts checks value and gradients against autodiff of the op form, finite
 * differences and the float64 derivative. Operands broadcast to the counts' shape (NumPy rules, rank ≤ 2; e.g. a
 * per-gene θ [1, G]); the size factors are per cell.
 */
export function zinbNll(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, o: ZinbOptions = {}): tf.Scalar {
  const sf = sizeFactorColumn(o);
  const ridge = o.ridge ?? 0;
  const [rows, cols] = x.rank === 2 ? x.shape : [1, x.size];
  if (x.rank > 2) throw new Error(`zinbNll: counts of rank ≤ 2 expected, got shape [${x.shape}]`);
  const strides = (t: tf.Tensor, what: string): { rowStride: number; colStride: number } => {
    const st = gridStrides(t.shape, rows, cols);
    if (!st) throw new Error(`zinbNll: ${what} of shape [${t.shape}] does not broadcast to the counts' [${x.shape}]`);
    return st;
  };
  const grid = (m: tf.Tensor, t: tf.Tensor, p: tf.Tensor, s: tf.Tensor | null): ZinbGrid => ({
    // Heap views: valid until the next engine allocation, so the loops run before any tensor is made.
    rows, cols, ridge,
    x: { data: float32Now(x), rowStride: cols, colStride: 1 },
    mean: { data: float32Now(m), ...strides(m, 'the mean') },
    theta: { data: float32Now(t), ...strides(t, 'θ') },
    pi: { data: float32Now(p), ...strides(p, 'π') },
    sizeFactors: s ? { data: float32Now(s), ...strides(s, 'the size factors') } : null,
  });
  const f = tf.customGrad(((meanIn: tf.Tensor, thetaIn: tf.Tensor, piIn: tf.Tensor, save: tf.GradSaveFunc) => {
    // x and the size factors are saved too: the tape keeps saved tensors, a closure would not keep them alive.
    save(sf ? [meanIn, thetaIn, piIn, x, sf] : [meanIn, thetaIn, piIn, x]);
    const value = zinbNllSum(grid(meanIn, thetaIn, piIn, sf)) / (rows * cols);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [m, t, p, , s] = saved;
      const out = { mean: new Float32Array(m.size), theta: new Float32Array(t.size), pi: new Float32Array(p.size) };
      const scale = dy.dataSync()[0] / (rows * cols);
      zinbNllGradients(grid(m, t, p, s ?? null), scale, out);
      return [tf.tensor(out.mean, m.shape), tf.tensor(out.theta, t.shape), tf.tensor(out.pi, p.shape)];
    };
    return { value: tf.scalar(value), gradFunc };
  }) as never);
  return (f as (...t: tf.Tensor[]) => tf.Tensor)(mean, theta, pi) as tf.Scalar;
}

