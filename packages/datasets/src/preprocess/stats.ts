// Per-cell and per-gene summaries on Matrix | Csr, accumulated in float64.
import { isCsr, type Csr, type Matrix } from '@scbench/api';

/** Row sums (total counts per cell, scanpy's n_counts). */
export function cellTotals(m: Matrix | Csr): Float64Array {
  const out = new Float64Array(m.rows);
  if (isCsr(m)) {
    for (let i = 0; i < m.rows; i++) {
      let s = 0;
      for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) s += m.data[p];
      out[i] = s;
    }
  } else {
    for (let i = 0; i < m.rows; i++) {
      let s = 0;
      for (let j = 0, o = i * m.cols; j < m.cols; j++) s += m.data[o + j];
      out[i] = s;
    }
  }
  return out;
}

/** Non-zero entries per cell (scanpy's n_genes). */
export function cellGeneCounts(m: Matrix | Csr): Int32Array {
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    if (isCsr(m)) {
      let k = 0;
      for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) if (m.data[p] !== 0) k++;
      out[i] = k;
    } else {
      let k = 0;
      for (let j = 0, o = i * m.cols; j < m.cols; j++) if (m.data[o + j] !== 0) k++;
      out[i] = k;
    }
  }
  return out;
}

/** Column sums and number of cells with a non-zero value, per gene. */
export function geneTotals(m: Matrix | Csr): { sums: Float64Array; cells: Int32Array } {
  const sums = new Float64Array(m.cols);
  const cells = new Int32Array(m.cols);
  const add = (j: number, v: number) => {
    sums[j] += v;
    if (v !== 0) cells[j]++;
  };
  if (isCsr(m)) for (let p = 0; p < m.indptr[m.rows]; p++) add(m.indices[p], m.data[p]);
  else for (let i = 0; i < m.rows; i++) for (let j = 0, o = i * m.cols; j < m.cols; j++) add(j, m.data[o + j]);
  return { sums, cells };
}

/**
 * Per-gene mean and variance with ddof = 1 (what scanpy's mean_var(…, correction=1) gives), of f(x) where f maps
 * 0 to 0 (so CSR zeros need no visit). Two passes over the data for numerical stability.
 */
export function geneMeanVar(m: Matrix | Csr, f: (x: number) => number = (x) => x): { mean: Float64Array; variance: Float64Array } {
  const n = m.rows;
  const mean = new Float64Array(m.cols);
  const ss = new Float64Array(m.cols);
  if (isCsr(m)) {
    const nnz = m.indptr[m.rows];
    const nz = new Int32Array(m.cols);
    for (let p = 0; p < nnz; p++) {
      mean[m.indices[p]] += f(m.data[p]);
      nz[m.indices[p]]++;
    }
    for (let j = 0; j < m.cols; j++) mean[j] /= n;
    for (let p = 0; p < nnz; p++) {
      const d = f(m.data[p]) - mean[m.indices[p]];
      ss[m.indices[p]] += d * d;
    }
    // the implicit zeros: each contributes mean²
    for (let j = 0; j < m.cols; j++) ss[j] += (n - nz[j]) * mean[j] * mean[j];
  } else {
    for (let i = 0; i < n; i++) for (let j = 0, o = i * m.cols; j < m.cols; j++) mean[j] += f(m.data[o + j]);
    for (let j = 0; j < m.cols; j++) mean[j] /= n;
    for (let i = 0; i < n; i++) {
      for (let j = 0, o = i * m.cols; j < m.cols; j++) {
        const d = f(m.data[o + j]) - mean[j];
        ss[j] += d * d;
      }
    }
  }
  const variance = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) variance[j] = n > 1 ? ss[j] / (n - 1) : NaN;
  return { mean, variance };
}

/** Median of a numeric array (mean of the two middle values for even length, as numpy). */
export function median(a: ArrayLike<number>): number {
  const s = Float64Array.from(a).sort();
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
