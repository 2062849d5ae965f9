// The loaders' storage choice, a growable CSR builder, and dense/CSR conversions for either storage. The CSR
// algorithms themselves (triplets, transpose, dense ⇄ CSR) are @scbench/numerics' csr.ts.
import { isCsr, type Csr, type Matrix } from '@scbench/api';
import { csrFromDense, csrFromTriplets, csrToDense } from '@scbench/numerics';
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
  return isCsr(m) ? csrToDense(m) : m;
}

export function toCsr(m: Matrix | Csr): Csr {
  return isCsr(m) ? m : csrFromDense(m);
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
