/**
 * Compressed sparse rows (`Csr` from @scbench/api): Int32Array indptr/indices, Float32Array data, column indices
 * ascending within each row and no duplicates — every function here returns that canonical form.
 */
import type { Csr, Matrix } from '@scbench/api';

/**
 * Builds a canonical CSR from (row, col, value) triplets; duplicates are summed (scipy's coo→csr behaviour).
 * Explicit zeros, including sums that cancel, are kept as stored entries, as scipy does.
 */
export function csrFromTriplets(
  rows: number, cols: number,
  rowIdx: ArrayLike<number>, colIdx: ArrayLike<number>, values: ArrayLike<number>,
): Csr {
  checkShape('csrFromTriplets', rows, cols);
  const nnz = rowIdx.length;
  if (colIdx.length !== nnz || values.length !== nnz) {
    throw new Error(`csrFromTriplets: rowIdx, colIdx and values must have equal lengths (${nnz}, ${colIdx.length}, ${values.length})`);
  }
  // Counting sort by row, then by column within each row via a second counting pass (transpose twice trick):
  // sort by column first into a column-major order, then stable-bucket by row ⇒ columns ascending in each row.
  const colCount = new Int32Array(cols + 1);
  for (let e = 0; e < nnz; e++) {
    const r = rowIdx[e];
    const c = colIdx[e];
    if (!(r >= 0 && r < rows && Number.isInteger(r))) throw new Error(`csrFromTriplets: rowIdx[${e}] = ${r} out of range [0, ${rows})`);
    if (!(c >= 0 && c < cols && Number.isInteger(c))) throw new Error(`csrFromTriplets: colIdx[${e}] = ${c} out of range [0, ${cols})`);
    colCount[c + 1]++;
  }
  for (let c = 0; c < cols; c++) colCount[c + 1] += colCount[c];
  const byCol = new Int32Array(nnz);
  const cursor = colCount.slice(0, cols);
  for (let e = 0; e < nnz; e++) byCol[cursor[colIdx[e]]++] = e;
  const rowCount = new Int32Array(rows + 1);
  for (let e = 0; e < nnz; e++) rowCount[rowIdx[e] + 1]++;
  for (let r = 0; r < rows; r++) rowCount[r + 1] += rowCount[r];
  const order = new Int32Array(nnz);
  const rc = rowCount.slice(0, rows);
  for (let t = 0; t < nnz; t++) {
    const e = byCol[t];
    order[rc[rowIdx[e]]++] = e;
  }
  // Merge duplicates (now adjacent).
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    let lastCol = -1;
    let sum = 0; // duplicates are summed in float64, then stored once
    for (let t = rowCount[r]; t < rowCount[r + 1]; t++) {
      const e = order[t];
      const c = colIdx[e];
      if (c !== lastCol) {
        if (lastCol >= 0) data[out - 1] = sum;
        indices[out++] = c;
        lastCol = c;
        sum = 0;
      }
      sum += values[e];
    }
    if (lastCol >= 0) data[out - 1] = sum;
    indptr[r + 1] = out;
  }
  return { rows, cols, indptr, indices: indices.slice(0, out), data: data.slice(0, out) };
}

/** Dense → CSR, dropping exact zeros. */
export function csrFromDense(m: Matrix): Csr {
  const { rows, cols, data } = m;
  let nnz = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
    indptr[i + 1] = k;
  }
  return { rows, cols, indptr, indices, data: values };
}

export function csrToDense(a: Csr): Matrix {
  const out = new Float32Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) out[i * a.cols + a.indices[p]] += a.data[p];
  }
  return { rows: a.rows, cols: a.cols, data: out };
}

/** Aᵀ in canonical form (a counting sort by column keeps row indices ascending). */
export function csrTranspose(a: Csr): Csr {
  const nnz = a.indptr[a.rows];
  const indptr = new Int32Array(a.cols + 1);
  for (let p = 0; p < nnz; p++) indptr[a.indices[p] + 1]++;
  for (let c = 0; c < a.cols; c++) indptr[c + 1] += indptr[c];
  const cursor = indptr.slice(0, a.cols);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const q = cursor[a.indices[p]]++;
      indices[q] = i;
      data[q] = a.data[p];
    }
  }
  return { rows: a.cols, cols: a.rows, indptr, indices, data };
}

/** A·B with A sparse (n×p) and B dense (p×m) → dense n×m. */
export function csrMatmulDense(a: Csr, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`csrMatmulDense: a is ${a.rows}×${a.cols} but b is ${b.rows}×${b.cols}`);
  const m = b.cols;
  const out = new Float32Array(a.rows * m);
  const acc = new Float64Array(m);
  for (let i = 0; i < a.rows; i++) {
    acc.fill(0);
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.data[p];
      const off = a.indices[p] * m;
      for (let j = 0; j < m; j++) acc[j] += v * b.data[off + j];
    }
    out.set(acc, i * m);
  }
  return { rows: a.rows, cols: m, data: out };
}

/** Rows in the given order (repeats allowed). */
export function csrSelectRows(a: Csr, rowsToKeep: ArrayLike<number>): Csr {
  const n = rowsToKeep.length;
  const indptr = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    const i = rowsToKeep[r];
    if (!(i >= 0 && i < a.rows)) throw new Error(`csrSelectRows: rowsToKeep[${r}] = ${i} out of range [0, ${a.rows})`);
    indptr[r + 1] = indptr[r] + a.indptr[i + 1] - a.indptr[i];
  }
  const indices = new Int32Array(indptr[n]);
  const data = new Float32Array(indptr[n]);
  for (let r = 0; r < n; r++) {
    const i = rowsToKeep[r];
    indices.set(a.indices.subarray(a.indptr[i], a.indptr[i + 1]), indptr[r]);
    data.set(a.data.subarray(a.indptr[i], a.indptr[i + 1]), indptr[r]);
  }
  return { rows: n, cols: a.cols, indptr, indices, data };
}

/**
 * Columns in the given order (each at most once). Column j of the result is column colsToKeep[j] of a.
 * Column order may differ from the original, so each row is re-sorted to keep the canonical form.
 */
export function csrSelectColumns(a: Csr, colsToKeep: ArrayLike<number>): Csr {
  const map = new Int32Array(a.cols).fill(-1);
  for (let j = 0; j < colsToKeep.length; j++) {
    const c = colsToKeep[j];
    if (!(c >= 0 && c < a.cols)) throw new Error(`csrSelectColumns: colsToKeep[${j}] = ${c} out of range [0, ${a.cols})`);
    if (map[c] !== -1) throw new Error(`csrSelectColumns: column ${c} is selected twice`);
    map[c] = j;
  }
  let monotone = true;
  for (let j = 1; j < colsToKeep.length; j++) if (colsToKeep[j] < colsToKeep[j - 1]) monotone = false;
  const indptr = new Int32Array(a.rows + 1);
  for (let i = 0; i < a.rows; i++) {
    let c = 0;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) if (map[a.indices[p]] >= 0) c++;
    indptr[i + 1] = indptr[i] + c;
  }
  const indices = new Int32Array(indptr[a.rows]);
  const data = new Float32Array(indptr[a.rows]);
  for (let i = 0; i < a.rows; i++) {
    let q = indptr[i];
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const j = map[a.indices[p]];
      if (j >= 0) {
        indices[q] = j;
        data[q++] = a.data[p];
      }
    }
    if (!monotone) sortRowSegment(indices, data, indptr[i], indptr[i + 1]);
  }
  return { rows: a.rows, cols: colsToKeep.length, indptr, indices, data };
}

/** Σ_j a[i,j], in float64. */
export function csrRowSums(a: Csr): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) s += a.data[p];
    out[i] = s;
  }
  return out;
}

/** Σ_i a[i,j], in float64. */
export function csrColSums(a: Csr): Float64Array {
  const out = new Float64Array(a.cols);
  const nnz = a.indptr[a.rows];
  for (let p = 0; p < nnz; p++) out[a.indices[p]] += a.data[p];
  return out;
}

/** Throws naming the argument when the structure is not a valid canonical CSR (bad indptr, unsorted or out-of-range indices). */
export function assertCsr(name: string, a: Csr): void {
  if (a.indptr.length !== a.rows + 1) throw new Error(`${name}: indptr has length ${a.indptr.length}, expected rows + 1 = ${a.rows + 1}`);
  if (a.indptr[0] !== 0) throw new Error(`${name}: indptr[0] must be 0`);
  const nnz = a.indptr[a.rows];
  if (a.indices.length < nnz || a.data.length < nnz) throw new Error(`${name}: indices/data shorter than indptr[rows] = ${nnz}`);
  for (let i = 0; i < a.rows; i++) {
    if (a.indptr[i + 1] < a.indptr[i]) throw new Error(`${name}: indptr decreases at row ${i}`);
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const c = a.indices[p];
      if (c < 0 || c >= a.cols) throw new Error(`${name}: column index ${c} in row ${i} out of range [0, ${a.cols})`);
      if (p > a.indptr[i] && c <= a.indices[p - 1]) throw new Error(`${name}: column indices of row ${i} are not strictly ascending`);
      if (!Number.isFinite(a.data[p])) throw new Error(`${name}: value ${a.data[p]} at row ${i}, column ${c} is not finite`);
    }
  }
}

function sortRowSegment(indices: Int32Array, data: Float32Array, start: number, end: number): void {
  // Insertion sort: rows of single-cell matrices are short after column selection; fall back to a pair sort if long.
  if (end - start > 64) {
    const idx = Array.from(indices.subarray(start, end), (c, t) => [c, data[start + t]] as const).sort((x, y) => x[0] - y[0]);
    for (let t = 0; t < idx.length; t++) {
      indices[start + t] = idx[t][0];
      data[start + t] = idx[t][1];
    }
    return;
  }
  for (let p = start + 1; p < end; p++) {
    const c = indices[p];
    const v = data[p];
    let q = p - 1;
    while (q >= start && indices[q] > c) {
      indices[q + 1] = indices[q];
      data[q + 1] = data[q];
      q--;
    }
    indices[q + 1] = c;
    data[q + 1] = v;
  }
}

function checkShape(fn: string, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`${fn}: rows and cols must be non-negative integers, got ${rows}×${cols}`);
  }
}
