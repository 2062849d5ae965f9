// Dense/CSR conversions and a growable CSR builder. packages/numerics is getting CSR helpers in parallel; these are
// the few the loaders need, kept local so that loading never waits on that work.
import { isCsr, type Csr, type Matrix } from '@scbench/api';
import type { Storage } from './types.ts';

/** Above this many stored entries a sparse matrix is returned as CSR (a dense float32 copy would cost ≥ 200 MB). */
export const CSR_MIN_ENTRIES = 50_000_000;
/** ... and only when fewer than this fraction of entries are non-zero (CSR costs 8 bytes per non-zero vs 4 dense). */
export const CSR_MAX_DENSITY = 0.3;

export function chooseStorage(storage: Storage, rows: number, cols: number, nnz: number): 'dense' | 'csr' {
  if (storage !== 'auto') return storage;
  const entries = rows * cols;
  return entries > CSR_MIN_ENTRIES && nnz < CSR_MAX_DENSITY * entries ? 'csr' : 'dense';
}

export function toDense(m: Matrix | Csr): Matrix {
  if (!isCsr(m)) return m;
  const data = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) data[base + m.indices[p]] += m.data[p];
  }
  return { rows: m.rows, cols: m.cols, data };
}

export function toCsr(m: Matrix | Csr): Csr {
  if (isCsr(m)) return m;
  const b = new CsrBuilder(m.cols, countNonZero(m.data));
  for (let i = 0; i < m.rows; i++) b.addDenseRow(m.data, i * m.cols);
  return b.finish();
}

export function countNonZero(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}

export function nnzOf(m: Matrix | Csr): number {
  return isCsr(m) ? m.indptr[m.rows] : countNonZero(m.data);
}

/** Return `m` in the requested storage (auto: the cheaper one by `chooseStorage`). */
export function withStorage(m: Matrix | Csr, storage: Storage): Matrix | Csr {
  const want = chooseStorage(storage, m.rows, m.cols, nnzOf(m));
  return want === 'csr' ? toCsr(m) : toDense(m);
}

/** Appends rows one at a time; grows geometrically so that callers need not know nnz in advance. */
export class CsrBuilder {
  private indptr: number[] = [0];
  private indices: Int32Array;
  private data: Float32Array;
  private nnz = 0;

  constructor(
    readonly cols: number,
    capacity = 1024,
  ) {
    this.indices = new Int32Array(Math.max(16, capacity));
    this.data = new Float32Array(Math.max(16, capacity));
  }

  get rows(): number {
    return this.indptr.length - 1;
  }

  private reserve(extra: number): void {
    const need = this.nnz + extra;
    if (need <= this.indices.length) return;
    let cap = this.indices.length;
    while (cap < need) cap = Math.ceil(cap * 1.5);
    const ind = new Int32Array(cap);
    ind.set(this.indices.subarray(0, this.nnz));
    const dat = new Float32Array(cap);
    dat.set(this.data.subarray(0, this.nnz));
    this.indices = ind;
    this.data = dat;
  }

  /** Add the row src[offset .. offset+cols), any numeric array type (converted to float32). */
  addDenseRow(src: ArrayLike<number>, offset: number): void {
    let k = 0;
    for (let j = 0; j < this.cols; j++) if (src[offset + j] !== 0) k++;
    this.reserve(k);
    for (let j = 0; j < this.cols; j++) {
      const v = src[offset + j];
      if (v !== 0) {
        this.indices[this.nnz] = j;
        this.data[this.nnz++] = v;
      }
    }
    this.indptr.push(this.nnz);
  }

  /** Add a row given as (ascending) column indices and values. */
  addSparseRow(cols: ArrayLike<number>, vals: ArrayLike<number>): void {
    this.reserve(cols.length);
    for (let p = 0; p < cols.length; p++) {
      this.indices[this.nnz] = cols[p];
      this.data[this.nnz++] = vals[p];
    }
    this.indptr.push(this.nnz);
  }

  finish(): Csr {
    return {
      rows: this.rows,
      cols: this.cols,
      indptr: Int32Array.from(this.indptr),
      indices: this.indices.slice(0, this.nnz),
      data: this.data.slice(0, this.nnz),
    };
  }
}

/**
 * Build CSR (rows × cols) from unordered coordinate triplets: counting sort by row, then sort each row by column
 * and sum duplicates (as scipy's coo→csr does).
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  r: Int32Array,
  c: Int32Array,
  v: Float32Array,
  n = r.length,
): Csr {
  const indptr = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) indptr[r[k] + 1]++;
  for (let i = 0; i < rows; i++) indptr[i + 1] += indptr[i];
  const next = indptr.slice(0, rows);
  const indices = new Int32Array(n);
  const data = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const at = next[r[k]]++;
    indices[at] = c[k];
    data[at] = v[k];
  }
  // Sort within rows (usually already sorted: skip then) and merge duplicates.
  let out = 0;
  const outPtr = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    const s = indptr[i];
    const e = indptr[i + 1];
    let sorted = true;
    for (let p = s + 1; p < e; p++) if (indices[p] < indices[p - 1]) sorted = false;
    if (!sorted) {
      const order = Array.from({ length: e - s }, (_, t) => s + t).sort((a, b) => indices[a] - indices[b]);
      const ci = order.map((p) => indices[p]);
      const cv = order.map((p) => data[p]);
      for (let t = 0; t < ci.length; t++) {
        indices[s + t] = ci[t];
        data[s + t] = cv[t];
      }
    }
    for (let p = s; p < e; p++) {
      if (out > outPtr[i] && indices[out - 1] === indices[p]) data[out - 1] += data[p];
      else {
        indices[out] = indices[p];
        data[out++] = data[p];
      }
    }
    outPtr[i + 1] = out;
  }
  return { rows, cols, indptr: outPtr, indices: indices.slice(0, out), data: data.slice(0, out) };
}

/** Transpose a compressed matrix: CSC (cols-major) of an r×c matrix read as CSR of c×r → CSR of r×c. */
export function transposeCsr(m: Csr): Csr {
  const indptr = new Int32Array(m.cols + 1);
  const nnz = m.indptr[m.rows];
  for (let p = 0; p < nnz; p++) indptr[m.indices[p] + 1]++;
  for (let j = 0; j < m.cols; j++) indptr[j + 1] += indptr[j];
  const next = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const at = next[m.indices[p]]++;
      indices[at] = i; // rows visited in order, so each output row stays sorted
      data[at] = m.data[p];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, data };
}

/** Transpose a dense row-major matrix. */
export function transposeDense(m: Matrix): Matrix {
  const out = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  return { rows: m.cols, cols: m.rows, data: out };
}

/** Make column indices strictly ascending within rows (scipy allows unsorted and duplicate indices). */
export function canonicalCsr(m: Csr): Csr {
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i] + 1; p < m.indptr[i + 1]; p++) {
      if (m.indices[p] <= m.indices[p - 1]) {
        const r = new Int32Array(m.indptr[m.rows]);
        for (let k = 0; k < m.rows; k++) r.fill(k, m.indptr[k], m.indptr[k + 1]);
        return csrFromTriplets(m.rows, m.cols, r, m.indices, m.data);
      }
    }
  }
  return m;
}
