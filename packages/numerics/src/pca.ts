/**
 * PCA by randomized SVD (Halko, Martinsson & Tropp 2011, Alg. 4.4: a Gaussian sketch, power iterations with QR
 * re-orthonormalisation after every product, then an exact SVD of the small projected matrix).
 *
 * Fidelity: outputs follow scikit-learn's PCA / scanpy's `pp.pca`: scores = U·S (`X_pca`), components = Vᵀ rows
 * (`PCs`ᵀ), explained variance = S²/(n−1), ratio over the total variance (ddof 1); the sign of each component is
 * fixed so that its largest-magnitude loading is positive (sklearn's `svd_flip(u_based_decision=False)`), so the
 * result does not depend on the seed beyond the accuracy of the approximation. Defaults (10 oversamples, 'auto'
 * power iterations: 7 when k < 0.1·min(n, p), else 4) are sklearn's `randomized_svd`'s.
 *
 * Sparse input is centred *implicitly*: (X − 1μᵀ)Ω = XΩ − 1(μᵀΩ) and (X − 1μᵀ)ᵀQ = XᵀQ − μ(1ᵀQ), so a CSR count
 * matrix is never densified (scanpy does the same with a LinearOperator for arpack).
 */
import type { Csr, Matrix } from '@scbench/api';
import { isCsr } from '@scbench/api';
import { assertFinite, gemmTransB, transpose } from './dense.ts';
import { householderQr, jacobiSvd } from './linalg.ts';
import { createRng } from './rng.ts';

export interface PcaOptions {
  seed?: number;
  /** Subtract column means (default true, as scanpy's zero_center). */
  center?: boolean;
  /** Extra sketch columns (default 10). */
  oversamples?: number;
  /** Power iterations, or 'auto' (default). */
  powerIterations?: number | 'auto';
  /**
   * Dense input only: computes X·M (transposeX false) or Xᵀ·M (true) for the n × p `x` given to `pca` and a
   * row-major M of `l` columns — a faster matrix product from outside this package (the engine's). Default: the
   * blocked float64-accumulating JS kernel. The products are all the O(n·p) work of a PCA.
   */
  product?: DenseProduct;
}

export type DenseProduct = (x: Matrix, m: Float64Array, l: number, transposeX: boolean) => Float64Array;

export interface PcaResult {
  /** n × k: U·S, the coordinates of each row (scanpy's obsm['X_pca']). */
  scores: Matrix;
  /** k × p: principal axes as rows, unit norm (sklearn's components_). */
  components: Matrix;
  singularValues: Float64Array;
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  /** Column means used for centring (zeros when center is false). */
  mean: Float64Array;
}

/** Randomized PCA of a dense or CSR matrix (n observations × p features) to k components. */
export function pca(x: Matrix | Csr, k: number, options: PcaOptions = {}): PcaResult {
  const n = x.rows;
  const p = x.cols;
  const center = options.center ?? true;
  if (!Number.isInteger(k) || k < 1) throw new Error(`pca: nComponents must be a positive integer, got ${k}`);
  if (k > Math.min(n, p)) throw new Error(`pca: nComponents = ${k} exceeds min(rows, cols) = ${Math.min(n, p)}`);
  if (n < 2) throw new Error(`pca: needs at least 2 rows, got ${n}`);
  const oversamples = options.oversamples ?? 10;
  if (!Number.isInteger(oversamples) || oversamples < 0) throw new Error(`pca: oversamples must be an integer ≥ 0, got ${oversamples}`);
  const iters = options.powerIterations === undefined || options.powerIterations === 'auto'
    ? (k < 0.1 * Math.min(n, p) ? 7 : 4)
    : options.powerIterations;
  if (!Number.isInteger(iters) || iters < 0) throw new Error(`pca: powerIterations must be an integer ≥ 0 or 'auto', got ${iters}`);
  if (isCsr(x)) {
    if (x.indptr.length !== n + 1) throw new Error(`pca: x.indptr has length ${x.indptr.length}, expected rows + 1 = ${n + 1}`);
    assertFinite('pca: x.data', x.data.subarray(0, x.indptr[n]));
  } else {
    if (x.data.length !== n * p) throw new Error(`pca: x has ${x.data.length} entries, expected ${n}×${p}`);
    assertFinite('pca: x', x.data);
  }
  const op = linearOperator(x, center, isCsr(x) ? undefined : options.product);
  const l = Math.min(k + oversamples, n, p);
  const rng = createRng(options.seed ?? 0);
  const omega = new Float64Array(p * l);
  for (let t = 0; t < omega.length; t++) omega[t] = rng.normal();

  let q = householderQr(op.times(omega, l), n, l).q;
  for (let it = 0; it < iters; it++) {
    const z = householderQr(op.transposeTimes(q, l), p, l).q;
    q = householderQr(op.times(z, l), n, l).q;
  }
  // B = Qᵀ X̃ (l × p). Via Bᵀ = Q_b R_b: B = R_bᵀ Q_bᵀ, and the SVD of the small R_bᵀ gives B's.
  const bt = householderQr(op.transposeTimes(q, l), p, l);
  const rt = transposeSquare(bt.r, l);
  const svd = jacobiSvd(rt, l, l);
  const u = multiply(q, n, l, svd.u, l); // n × l
  const v = multiply(bt.q, p, l, svd.v, l); // p × l
  return assemble(u, v, svd.s, n, p, l, k, op, center);
}

interface Operator {
  /** X̃ · M for M (p × l). */
  times(m: Float64Array, l: number): Float64Array;
  /** X̃ᵀ · M for M (n × l). */
  transposeTimes(m: Float64Array, l: number): Float64Array;
  mean: Float64Array;
  /** Σ_j var(column j), ddof 1: the denominator of the explained variance ratio. */
  totalVariance: number;
}

function linearOperator(x: Matrix | Csr, center: boolean, product?: DenseProduct): Operator {
  const n = x.rows;
  const p = x.cols;
  const colSums = new Float64Array(p);
  const colSq = new Float64Array(p);
  if (isCsr(x)) {
    for (let t = 0; t < x.indptr[n]; t++) {
      colSums[x.indices[t]] += x.data[t];
      colSq[x.indices[t]] += x.data[t] * x.data[t];
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = x.data[i * p + j];
        colSums[j] += v;
        colSq[j] += v * v;
      }
    }
  }
  const mean = new Float64Array(p);
  let totalVariance = 0;
  for (let j = 0; j < p; j++) {
    const mu = colSums[j] / n;
    if (center) mean[j] = mu;
    totalVariance += Math.max(0, colSq[j] - n * mu * mu) / (n - 1);
  }
  const rawTimes = isCsr(x) ? (m: Float64Array, l: number) => csrTimes(x, m, l)
    : product ? (m: Float64Array, l: number) => product(x, m, l, false) : (m: Float64Array, l: number) => denseTimes(x, m, l);
  let xt: Float32Array | null = null;
  const rawTransposeTimes = isCsr(x)
    ? (m: Float64Array, l: number) => csrTransposeTimes(x, m, l)
    : product ? (m: Float64Array, l: number) => product(x, m, l, true)
      : (m: Float64Array, l: number) => denseTransposeTimes((xt ??= transpose(x).data), n, p, m, l);
  const times = (m: Float64Array, l: number): Float64Array => {
    const y = rawTimes(m, l);
    if (!center) return y;
    const muM = new Float64Array(l); // μᵀM
    for (let j = 0; j < p; j++) for (let c = 0; c < l; c++) muM[c] += mean[j] * m[j * l + c];
    for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) y[i * l + c] -= muM[c];
    return y;
  };
  const transposeTimes = (m: Float64Array, l: number): Float64Array => {
    const z = rawTransposeTimes(m, l);
    if (!center) return z;
    const ones = new Float64Array(l); // 1ᵀM
    for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) ones[c] += m[i * l + c];
    for (let j = 0; j < p; j++) for (let c = 0; c < l; c++) z[j * l + c] -= mean[j] * ones[c];
    return z;
  };
  return { times, transposeTimes, mean, totalVariance };
}

/** Mᵀ as float32 (cols × rows), the layout the register-blocked kernel wants. */
function transposeTo32(m: Float64Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
  return t;
}

/**
 * X · M through the 4×2 register-blocked A·Bᵀ kernel of dense.ts (float64 accumulation): about 5× the naive
 * row-axpy loop, which mattered — the products are the whole cost of randomized PCA (16 passes over X by default).
 */
function denseTimes(x: Matrix, m: Float64Array, l: number): Float64Array {
  const y = new Float64Array(x.rows * l);
  gemmTransB(x.data, 0, x.rows, transposeTo32(m, x.cols, l), 0, l, x.cols, y, l, 0);
  return y;
}

/** Xᵀ · M with Xᵀ materialised once per PCA (float32), so the same kernel streams contiguous rows. */
function denseTransposeTimes(xt: Float32Array, n: number, p: number, m: Float64Array, l: number): Float64Array {
  const z = new Float64Array(p * l);
  gemmTransB(xt, 0, p, transposeTo32(m, n, l), 0, l, n, z, l, 0);
  return z;
}

function csrTimes(x: Csr, m: Float64Array, l: number): Float64Array {
  const y = new Float64Array(x.rows * l);
  for (let i = 0; i < x.rows; i++) {
    const yo = i * l;
    for (let t = x.indptr[i]; t < x.indptr[i + 1]; t++) {
      const v = x.data[t];
      const mo = x.indices[t] * l;
      for (let c = 0; c < l; c++) y[yo + c] += v * m[mo + c];
    }
  }
  return y;
}

function csrTransposeTimes(x: Csr, m: Float64Array, l: number): Float64Array {
  const z = new Float64Array(x.cols * l);
  for (let i = 0; i < x.rows; i++) {
    const mo = i * l;
    for (let t = x.indptr[i]; t < x.indptr[i + 1]; t++) {
      const v = x.data[t];
      const zo = x.indices[t] * l;
      for (let c = 0; c < l; c++) z[zo + c] += v * m[mo + c];
    }
  }
  return z;
}

function assemble(
  u: Float64Array, v: Float64Array, s: Float64Array, n: number, p: number, l: number, k: number,
  op: Operator, center: boolean,
): PcaResult {
  const scores = new Float32Array(n * k);
  const components = new Float32Array(k * p);
  const singularValues = s.slice(0, k);
  for (let c = 0; c < k; c++) {
    // svd_flip on the components: the largest |loading| of each axis is made positive.
    let best = 0;
    let arg = 0;
    for (let j = 0; j < p; j++) {
      const a = Math.abs(v[j * l + c]);
      if (a > best) {
        best = a;
        arg = j;
      }
    }
    const sign = v[arg * l + c] < 0 ? -1 : 1;
    for (let j = 0; j < p; j++) components[c * p + j] = sign * v[j * l + c];
    for (let i = 0; i < n; i++) scores[i * k + c] = sign * u[i * l + c] * s[c];
  }
  const explainedVariance = new Float64Array(k);
  if (center) {
    for (let c = 0; c < k; c++) explainedVariance[c] = (s[c] * s[c]) / (n - 1);
  } else {
    // Uncentred (TruncatedSVD-like): report the variance of each score column.
    for (let c = 0; c < k; c++) {
      let m1 = 0;
      let m2 = 0;
      for (let i = 0; i < n; i++) {
        m1 += scores[i * k + c];
        m2 += scores[i * k + c] * scores[i * k + c];
      }
      explainedVariance[c] = Math.max(0, m2 - (m1 * m1) / n) / (n - 1);
    }
  }
  const explainedVarianceRatio = explainedVariance.map((e) => (op.totalVariance > 0 ? e / op.totalVariance : 0));
  return {
    scores: { rows: n, cols: k, data: scores },
    components: { rows: k, cols: p, data: components },
    singularValues,
    explainedVariance,
    explainedVarianceRatio,
    mean: op.mean,
  };
}

function transposeSquare(a: Float64Array, l: number): Float64Array {
  const out = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) out[j * l + i] = a[i * l + j];
  return out;
}

/** (rows × inner) · (inner × cols), all row-major float64; small right-hand side. */
function multiply(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < inner; t++) {
      const v = a[i * inner + t];
      if (v === 0) continue;
      for (let c = 0; c < cols; c++) out[i * cols + c] += v * b[t * cols + c];
    }
  }
  return out;
}
