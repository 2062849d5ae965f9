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
  // Sub-expressions in their own tidy, so a full batch holds a few N×G temporaries at a time, not all of them.
  return tf.tidy(() => {
    const th = tf.add(theta, EPS);
    const t1 = tf.tidy(() => tf.sub(tf.add(lgamma(th), lgamma(tf.add(x, 1))), lgamma(tf.add(x, th))));
    const t2 = tf.tidy(() => tf.add(
      tf.mul(tf.add(th, x), tf.log1p(tf.div(mu, th))),
      tf.mul(x, tf.sub(tf.log(th), tf.log(tf.add(mu, EPS)))),
    ));
    return tf.add(t1, t2);
  });
}

export function nbNll(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, o: CountOptions = {}): tf.Scalar {
  return tf.mean(nbTerms(x, scaled(mean, o), theta)) as tf.Scalar;
}

export interface ZinbOptions extends CountOptions {
  /** Ridge λ·π² on the dropout probability (scziDesk/scNAME use 1; scDeepCluster PyTorch 0). */
  ridge?: number;
}

/**
 * ψ(x) for x > 0 as tfjs ops: the recurrence ψ(x) = ψ(x + 6) − Σₖ₌₀⁵ 1/(x + k), then the asymptotic series at
 * y = x + 6 ≥ 6 (error < 1e-9 there, far below float32 rounding).
 */
export function digamma(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let shift: tf.Tensor = tf.reciprocal(x);
    for (let k = 1; k < 6; k++) {
      const prev = shift; // freed at once, as lgamma's partial sums
      shift = tf.tidy(() => tf.add(prev, tf.reciprocal(tf.add(x, k))));
      prev.dispose();
    }
    const y = tf.add(x, 6);
    const r2 = tf.reciprocal(tf.square(y));
    // ln y − 1/(2y) − r2·(1/12 − r2·(1/120 − r2·(1/252 − r2/240)))
    const series = tf.mul(r2, tf.sub(1 / 12, tf.mul(r2, tf.sub(1 / 120, tf.mul(r2, tf.sub(1 / 252, tf.mul(r2, 1 / 240)))))));
    return tf.sub(tf.sub(tf.sub(tf.log(y), tf.div(0.5, y)), series), shift);
  });
}

/**
 * Mean ZINB NLL, written as a custom gradient: the forward pass (three lgamma series and some 140 element-wise ops)
 * keeps nothing for the backward pass, which computes the analytic derivatives in μ, θ and π from the inputs
 * (digamma for the lgamma terms). Autodiff through the op form kept ~140 tensors of the data's size alive until the
 * backward pass: a 256 × 13,714 step peaked at 4.9 GB, 1.1 GB in this form, and scDSC's full batch of pbmc3k no
 * longer exceeds the wasm heap (2026-12-06). The value is the op form's; losses.test.ts checks the gradients against
 * autodiff of the op form, finite differences and the float64 derivative.
 */
export function zinbNll(x: tf.Tensor, mean: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, o: ZinbOptions = {}): tf.Scalar {
  const sf = sizeFactorColumn(o);
  const ridge = o.ridge ?? 0;
  const f = tf.customGrad(((meanIn: tf.Tensor, thetaIn: tf.Tensor, piIn: tf.Tensor, save: tf.GradSaveFunc) => {
    // x and the size factors are saved too: the tape keeps saved tensors, a closure would not keep them alive.
    save(sf ? [meanIn, thetaIn, piIn, x, sf] : [meanIn, thetaIn, piIn, x]);
    const value = tf.tidy(() => zinbElementwise(x, sf ? tf.mul(meanIn, sf) : meanIn, thetaIn, piIn, ridge).mean() as tf.Scalar);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => tf.tidy(() => {
      const [m, t, p, xs, s] = saved;
      const mu = s ? tf.mul(m, s) : m;
      const derivatives = zinbGradients(xs, mu, t, p, ridge);
      if (mu !== m) mu.dispose();
      const scale = tf.div(dy, xs.size);
      // Scaled one at a time, each raw derivative freed at once (N×G each on a full batch).
      return derivatives.map((g, i) => {
        const out = tf.tidy(() => reduceTo(tf.mul(i === 0 && s ? tf.mul(g, s) : g, scale), [m, t, p][i].shape));
        g.dispose();
        return out;
      });
    });
    return { value, gradFunc };
  }) as never);
  return (f as (...t: tf.Tensor[]) => tf.Tensor)(mean, theta, pi) as tf.Scalar;
}

/** Sum a broadcast gradient back to an input's shape (e.g. θ or π given per gene, [1, G] or [G]). */
function reduceTo(g: tf.Tensor, shape: number[]): tf.Tensor {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let a = 0; a < g.rank; a++) if (a < lead || (shape[a - lead] === 1 && g.shape[a] !== 1)) axes.push(a);
  return tf.reshape(tf.sum(g, axes, true), shape);
}

/** The element-wise ZINB NLL (μ already scaled by the size factors), the op form of DCA / scDeepCluster. */
function zinbElementwise(x: tf.Tensor, mu: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, ridge: number): tf.Tensor {
  const nbCase = tf.tidy(() => tf.sub(nbTerms(x, mu, theta), tf.log(tf.add(tf.sub(1, pi), EPS))));
  const zeroCase = tf.tidy(() => {
    const th = tf.add(theta, EPS);
    // P(NB = 0) = (θ / (θ + μ))^θ, written as exp(θ·log(...)).
    const zeroNb = tf.exp(tf.mul(th, tf.log(tf.div(th, tf.add(tf.add(th, mu), EPS)))));
    return tf.neg(tf.log(tf.add(tf.add(pi, tf.mul(tf.sub(1, pi), zeroNb)), EPS)));
  });
  const nll = tf.tidy(() => tf.where(tf.less(x, 1e-8), zeroCase, nbCase));
  nbCase.dispose();
  zeroCase.dispose();
  if (!ridge) return nll;
  const withRidge = tf.tidy(() => tf.add(nll, tf.mul(ridge, tf.square(pi))));
  nll.dispose();
  return withRidge;
}

/**
 * ∂/∂μ, ∂/∂θ, ∂/∂π of zinbElementwise (μ scaled), entry by entry. With θ' = θ + ε:
 *   x > 0:  ∂μ = (θ'+x)/(θ'+μ) − x/(μ+ε);  ∂θ = ψ(θ') − ψ(x+θ') + log1p(μ/θ') − (θ'+x)·μ/(θ'(θ'+μ)) + x/θ';
 *           ∂π = 1/(1−π+ε)
 *   x = 0:  z = (θ'/(θ'+μ+ε))^θ', D = π + (1−π)·z + ε;  ∂π = −(1−z)/D;  ∂μ = (1−π)/D · z·θ'/(θ'+μ+ε);
 *           ∂θ = −(1−π)/D · z·(log(θ'/(θ'+μ+ε)) + 1 − θ'/(θ'+μ+ε))
 * plus 2·ridge·π on ∂π.
 */
function zinbGradients(x: tf.Tensor, mu: tf.Tensor, theta: tf.Tensor, pi: tf.Tensor, ridge: number): tf.Tensor[] {
  // Each derivative is assembled in its own tidy (and its two cases freed once selected), so the backward pass of a
  // full batch holds the inputs, a few shared N×G tensors and one derivative's temporaries, not all ~60 at once.
  const th = tf.add(theta, EPS);
  const zero = tf.less(x, 1e-8);
  const thMu = tf.add(th, mu);
  const pick = (zeroCase: () => tf.Tensor, nbCase: () => tf.Tensor): tf.Tensor => {
    const z0 = tf.tidy(zeroCase);
    const nb = tf.tidy(nbCase);
    const out = tf.where(zero, z0, nb);
    z0.dispose();
    nb.dispose();
    return out;
  };
  const ratio = tf.div(th, tf.add(thMu, EPS));
  const z = tf.tidy(() => tf.exp(tf.mul(th, tf.log(ratio))));
  const d = tf.tidy(() => tf.add(tf.add(pi, tf.mul(tf.sub(1, pi), z)), EPS));
  const w = tf.div(tf.sub(1, pi), d); // (1−π)/D
  // The two μ terms and the two rational θ terms are combined before rounding: (θ'+x)/(θ'+μ) − x/(μ+ε) =
  // (θ'(μ−x) + ε(θ'+x)) / ((θ'+μ)(μ+ε)) and x/θ' − (θ'+x)μ/(θ'(θ'+μ)) = (x−μ)/(θ'+μ); summed separately in float32
  // (as autodiff does) they cancel to nothing when x ≈ μ or θ' ≪ x.
  const dMu = pick(
    () => tf.mul(w, tf.mul(z, ratio)),
    () => tf.div(tf.add(tf.mul(th, tf.sub(mu, x)), tf.mul(EPS, tf.add(th, x))), tf.mul(thMu, tf.add(mu, EPS))),
  );
  const dTheta = pick(
    () => tf.neg(tf.mul(w, tf.mul(z, tf.add(tf.log(ratio), tf.sub(1, ratio))))),
    () => tf.add(tf.sub(digamma(th), digamma(tf.add(x, th))), tf.add(tf.log1p(tf.div(mu, th)), tf.div(tf.sub(x, mu), thMu))),
  );
  let dPi = pick(() => tf.neg(tf.div(tf.sub(1, z), d)), () => tf.reciprocal(tf.add(tf.sub(1, pi), EPS)));
  if (ridge) {
    const prev = dPi;
    dPi = tf.tidy(() => tf.add(prev, tf.mul(2 * ridge, pi)));
    prev.dispose();
  }
  for (const t of [th, zero, thMu, ratio, z, d, w]) t.dispose();
  return [dMu, dTheta, dPi];
}
