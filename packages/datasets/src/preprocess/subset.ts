// Row/column subsets returning new matrices in the same storage.
import { isCsr, type Csr, type Matrix } from '@scbench/api';

export function selectRows(m: Matrix | Csr, rows: ArrayLike<number>): Matrix | Csr {
  if (!isCsr(m)) {
    const data = new Float32Array(rows.length * m.cols);
    for (let k = 0; k < rows.length; k++) data.set(m.data.subarray(rows[k] * m.cols, (rows[k] + 1) * m.cols), k * m.cols);
    return { rows: rows.length, cols: m.cols, data };
  }
  const indptr = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) indptr[k + 1] = indptr[k] + m.indptr[rows[k] + 1] - m.indptr[rows[k]];
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float32Array(indptr[rows.length]);
  for (let k = 0; k < rows.length; k++) {
    const s = m.indptr[rows[k]];
    const e = m.indptr[rows[k] + 1];
    indices.set(m.indices.subarray(s, e), indptr[k]);
    data.set(m.data.subarray(s, e), indptr[k]);
  }
  return { rows: rows.length, cols: m.cols, indptr, indices, data };
}

/** Keep columns `cols` (ascending), renumbered 0..cols.length-1. */
export function selectColumns(m: Matrix | Csr, cols: ArrayLike<number>): Matrix | Csr {
  if (!isCsr(m)) {
    const k = cols.length;
    const data = new Float32Array(m.rows * k);
    for (let i = 0; i < m.rows; i++) {
      const o = i * m.cols;
      const t = i * k;
      for (let c = 0; c < k; c++) data[t + c] = m.data[o + cols[c]];
    }
    return { rows: m.rows, cols: k, data };
  }
  const map = new Int32Array(m.cols).fill(-1);
  for (let c = 0; c < cols.length; c++) map[cols[c]] = c;
  const indptr = new Int32Array(m.rows + 1);
  let nnz = 0;
  for (let p = 0; p < m.indptr[m.rows]; p++) if (map[m.indices[p]] >= 0) nnz++;
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let q = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const c = map[m.indices[p]];
      if (c >= 0) {
        indices[q] = c;
        data[q++] = m.data[p];
      }
    }
    indptr[i + 1] = q;
  }
  return { rows: m.rows, cols: cols.length, indptr, indices, data };
}

/** Apply f to every stored value (f(0) must be 0 for CSR to stay exact). */
export function mapValues(m: Matrix | Csr, f: (x: number, row: number) => number): Matrix | Csr {
  if (isCsr(m)) {
    const data = new Float32Array(m.data.length);
    for (let i = 0; i < m.rows; i++) for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) data[p] = f(m.data[p], i);
    return { rows: m.rows, cols: m.cols, indptr: m.indptr.slice(), indices: m.indices.slice(), data };
  }
  const data = new Float32Array(m.data.length);
  for (let i = 0; i < m.rows; i++) for (let j = 0, o = i * m.cols; j < m.cols; j++) data[o + j] = f(m.data[o + j], i);
  return { rows: m.rows, cols: m.cols, data };
}
