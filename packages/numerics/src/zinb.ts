/**
 * The zero-inflated negative-binomial NLL of DCA / scDeepCluster / scziDesk, entry by entry in one float64 pass over
 * typed arrays, and its derivatives in a second: the engine's `zinbNll` runs these on the tensors' heap views. The
 * op form (~140 tfjs kernels, both cases and three lgamma series evaluated for every entry) spent ~80 % of a
 * scDeepCluster step; here a zero count costs one exp and two logs, a positive one three lgamma and (backward) two
 * digamma. With θ' = θ + ε, μ scaled by the size factor, ε = 1e-10:
 *   x = 0:  z = (θ'/(θ'+μ+ε))^θ', D = π + (1−π)·z + ε;  NLL = −log D
 *   x > 0:  NLL = lnΓ(θ') + lnΓ(x+1) − lnΓ(x+θ') + (θ'+x)·log1p(μ/θ') + x·(log θ' − log(μ+ε)) − log(1−π+ε)
 * plus ridge·π². The derivatives are in `zinbNllGradients`.
 */
import { digamma } from './digamma.ts';
import { lgamma } from './lgamma.ts';

const EPS = 1e-10;

/** An operand broadcast over the rows × cols grid of the counts: entry (i, j) is data[i·rowStride + j·colStride]. */
export interface Grid {
  readonly data: Float32Array;
  readonly rowStride: number;
  readonly colStride: number;
}

export interface ZinbGrid {
  readonly rows: number;
  readonly cols: number;
  readonly x: Grid;
  /** The decoder's mean, before the size factor. */
  readonly mean: Grid;
  readonly theta: Grid;
  readonly pi: Grid;
  /** Per-cell size factors (a column: rowStride 1, colStride 0), or null. */
  readonly sizeFactors: Grid | null;
  readonly ridge: number;
}

/** The grid strides of an operand of `shape` broadcast (NumPy rules) to rows × cols, or null if it does not broadcast. */
export function gridStrides(shape: readonly number[], rows: number, cols: number): { rowStride: number; colStride: number } | null {
  if (shape.length > 2) return null;
  const [a, b] = shape.length === 2 ? shape : shape.length === 1 ? [1, shape[0]] : [1, 1];
  if ((a !== 1 && a !== rows) || (b !== 1 && b !== cols)) return null;
  return { rowStride: a === 1 ? 0 : b, colStride: b === 1 ? 0 : 1 };
}

/** Σ over the grid of the element-wise NLL (float64 accumulation). */
export function zinbNllSum(t: ZinbGrid): number {
  const { x, mean, theta, pi: piGrid, sizeFactors, ridge } = t;
  let total = 0;
  for (let i = 0; i < t.rows; i++) {
    const s = sizeFactors ? sizeFactors.data[i * sizeFactors.rowStride] : 1;
    const [xb, mb, tb, pb] = [i * x.rowStride, i * mean.rowStride, i * theta.rowStride, i * piGrid.rowStride];
    for (let j = 0; j < t.cols; j++) {
      const xv = x.data[xb + j * x.colStride];
      const mu = mean.data[mb + j * mean.colStride] * s;
      const th = theta.data[tb + j * theta.colStride] + EPS;
      const pi = piGrid.data[pb + j * piGrid.colStride];
      let nll: number;
      if (xv < 1e-8) {
        const z = Math.exp(th * Math.log(th / (th + mu + EPS)));
        nll = -Math.log(pi + (1 - pi) * z + EPS);
      } else {
        nll = lgamma(th) + lgamma(xv + 1) - lgamma(xv + th) + (th + xv) * Math.log1p(mu / th) + xv * (Math.log(th) - Math.log(mu + EPS)) -
          Math.log(1 - pi + EPS);
      }
      total += ridge ? nll + ridge * pi * pi : nll;
    }
  }
  return total;
}

/** Where the derivatives go: arrays the size of each operand's data (broadcast operands' derivatives are summed). */
export interface ZinbGradientsOut {
  readonly mean: Float32Array;
  readonly theta: Float32Array;
  readonly pi: Float32Array;
}

/**
 * scale · ∂(Σ NLL)/∂(mean, θ, π), added into `out`:
 *   x > 0:  ∂μ = (θ'(μ−x) + ε(θ'+x)) / ((θ'+μ)(μ+ε));  ∂θ = ψ(θ') − ψ(x+θ') + log1p(μ/θ') + (x−μ)/(θ'+μ);  ∂π = 1/(1−π+ε)
 *   x = 0:  r = θ'/(θ'+μ+ε), w = (1−π)/D;  ∂μ = w·z·r;  ∂θ = −w·z·(log r + 1 − r);  ∂π = −(1−z)/D
 * plus 2·ridge·π on ∂π, and ∂mean = ∂μ · size factor. The μ terms (and the rational θ terms) are combined before
 * rounding: summed separately they cancel to nothing in float32 where x ≈ μ or θ' ≪ x.
 */
export function zinbNllGradients(t: ZinbGrid, scale: number, out: ZinbGradientsOut): void {
  const { x, mean, theta, pi: piGrid, sizeFactors, ridge } = t;
  for (let i = 0; i < t.rows; i++) {
    const s = sizeFactors ? sizeFactors.data[i * sizeFactors.rowStride] : 1;
    const [xb, mb, tb, pb] = [i * x.rowStride, i * mean.rowStride, i * theta.rowStride, i * piGrid.rowStride];
    for (let j = 0; j < t.cols; j++) {
      const xv = x.data[xb + j * x.colStride];
      const mk = mb + j * mean.colStride;
      const tk = tb + j * theta.colStride;
      const pk = pb + j * piGrid.colStride;
      const mu = mean.data[mk] * s;
      const th = theta.data[tk] + EPS;
      const pi = piGrid.data[pk];
      const thMu = th + mu;
      let dMu: number;
      let dTheta: number;
      let dPi: number;
      if (xv < 1e-8) {
        const r = th / (thMu + EPS);
        const logR = Math.log(r);
        const z = Math.exp(th * logR);
        const d = pi + (1 - pi) * z + EPS;
        const w = (1 - pi) / d;
        dMu = w * z * r;
        dTheta = -w * z * (logR + 1 - r);
        dPi = -(1 - z) / d;
      } else {
        dMu = (th * (mu - xv) + EPS * (th + xv)) / (thMu * (mu + EPS));
        dTheta = digamma(th) - digamma(xv + th) + Math.log1p(mu / th) + (xv - mu) / thMu;
        dPi = 1 / (1 - pi + EPS);
      }
      if (ridge) dPi += 2 * ridge * pi;
      out.mean[mk] += scale * dMu * s;
      out.theta[tk] += scale * dTheta;
      out.pi[pk] += scale * dPi;
    }
  }
}
