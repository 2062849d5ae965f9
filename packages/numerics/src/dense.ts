/**
 * Small helpers for dense row-major float32 matrices (`Matrix` from @scbench/api). Accumulation is in float64
 * (JS numbers); storage stays float32. The two products are the hot loops of kNN, k-means and PCA, so they are
 * written so that the innermost loop walks contiguous memory and a block of the right-hand side stays in cache.
 */
import type { Matrix } from '@scbench/api';

export function zeros(rows: number, cols: number): Matrix {
  checkDims('zeros', rows, cols);
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Wraps existing data (no copy) after checking its length. */
export function matrix(rows: number, cols: number, data: Float32Array): Matrix {
  checkDims('matrix', rows, cols);
  if (data.length !== rows * cols) throw new Error(`matrix: data has ${data.length} entries, expected ${rows}×${cols}`);
  return { rows, cols, data };
}

/** From nested arrays (rows of equal length). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0].length;
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) throw new Error(`fromRows: row ${i} has ${rows[i].length} entries, expected ${d}`);
    data.set(rows[i], i * d);
  }
  return { rows: n, cols: d, data };
}

export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)));
}

/** Row i as a view (no copy) into m.data. */
export function row(m: Matrix, i: number): Float32Array {
  if (!(i >= 0 && i < m.rows)) throw new Error(`row: index ${i} out of range [0, ${m.rows})`);
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

export function transpose(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  const out = new Float32Array(rows * cols);
  const B = 32; // tile so that both the reads and the writes stay in cache
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(rows, i0 + B);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(cols, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * rows + i] = data[i * cols + j];
    }
  }
  return { rows: cols, cols: rows, data: out };
}

/** A·B. i-k-j order: the inner loop is a saxpy over a contiguous row of B into a contiguous row of C. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul: a is ${a.rows}×${a.cols} but b is ${b.rows}×${b.cols}`);
  const n = a.rows;
  const kk = a.cols;
  const m = b.cols;
  const A = a.data;
  const Bd = b.data;
  const out = new Float32Array(n * m);
  const IB = 32;
  // Rows of B touched by one k-block (~256 KB) are reused by every row of the current block of A.
  const KB = Math.max(1, Math.floor(65536 / Math.max(1, m)));
  const acc = new Float64Array(IB * m);
  for (let i0 = 0; i0 < n; i0 += IB) {
    const i1 = Math.min(n, i0 + IB);
    acc.fill(0);
    for (let k0 = 0; k0 < kk; k0 += KB) {
      const k1 = Math.min(kk, k0 + KB);
      for (let i = i0; i < i1; i++) {
        const accOff = (i - i0) * m;
        for (let k = k0; k < k1; k++) {
          const aik = A[i * kk + k];
          if (aik === 0) continue; // cheap win on sparse-ish inputs (count matrices)
          const off = k * m;
          for (let j = 0; j < m; j++) acc[accOff + j] += aik * Bd[off + j];
        }
      }
    }
    for (let i = i0; i < i1; i++) for (let j = 0; j < m; j++) out[i * m + j] = acc[(i - i0) * m + j];
  }
  return { rows: n, cols: m, data: out };
}

/**
 * A·Bᵀ (n×d times m×d → n×m): every entry is a dot product of two contiguous rows. 2×2 register blocking halves
 * the loads; row blocks of B (~64 KB) are reused across a block of A's rows.
 */
export function matmulTransB(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new Error(`matmulTransB: a is ${a.rows}×${a.cols} but b is ${b.rows}×${b.cols} (columns must match)`);
  const out = new Float32Array(a.rows * b.rows);
  gemmTransB(a.data, 0, a.rows, b.data, 0, b.rows, a.cols, out, b.rows, 0);
  return { rows: a.rows, cols: b.rows, data: out };
}

/**
 * Kernel behind matmulTransB, exported for blocked callers (kNN): out[(i - aStart) * ldOut + colOffset + (j - bStart)]
 * = Σ_t A[i,t]·B[j,t] for i in [aStart, aEnd), j in [bStart, bEnd); A and B have d columns.
 */
export function gemmTransB(
  A: Float32Array, aStart: number, aEnd: number,
  B: Float32Array, bStart: number, bEnd: number,
  d: number, out: Float32Array | Float64Array, ldOut: number, colOffset: number,
): void {
  const JB = Math.max(2, Math.floor(16384 / Math.max(1, d))); // ~64 KB of float32 rows of B per block
  for (let j0 = bStart; j0 < bEnd; j0 += JB) {
    const j1 = Math.min(bEnd, j0 + JB);
    let i = aStart;
    for (; i + 1 < aEnd; i += 2) {
      const ai = i * d;
      const ai2 = ai + d;
      const o1 = (i - aStart) * ldOut + colOffset - bStart;
      const o2 = o1 + ldOut;
      let j = j0;
      for (; j + 1 < j1; j += 2) {
        const bj = j * d;
        const bj2 = bj + d;
        let s11 = 0;
        let s12 = 0;
        let s21 = 0;
        let s22 = 0;
        for (let t = 0; t < d; t++) {
          const x1 = A[ai + t];
          const x2 = A[ai2 + t];
          const y1 = B[bj + t];
          const y2 = B[bj2 + t];
          s11 += x1 * y1;
          s12 += x1 * y2;
          s21 += x2 * y1;
          s22 += x2 * y2;
        }
        out[o1 + j] = s11;
        out[o1 + j + 1] = s12;
        out[o2 + j] = s21;
        out[o2 + j + 1] = s22;
      }
      if (j < j1) {
        const bj = j * d;
        let s1 = 0;
        let s2 = 0;
        for (let t = 0; t < d; t++) {
          s1 += A[ai + t] * B[bj + t];
          s2 += A[ai2 + t] * B[bj + t];
        }
        out[o1 + j] = s1;
        out[o2 + j] = s2;
      }
    }
    if (i < aEnd) {
      const ai = i * d;
      const o1 = (i - aStart) * ldOut + colOffset - bStart;
      for (let j = j0; j < j1; j++) {
        const bj = j * d;
        let s = 0;
        for (let t = 0; t < d; t++) s += A[ai + t] * B[bj + t];
        out[o1 + j] = s;
      }
    }
  }
}

/** Σ_j m[i,j]² per row, in float64. */
export function rowSquaredNorms(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows);
  const { cols, data } = m;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    const off = i * cols;
    for (let j = 0; j < cols; j++) s += data[off + j] * data[off + j];
    out[i] = s;
  }
  return out;
}

export function rowNorms(m: Matrix): Float64Array {
  const out = rowSquaredNorms(m);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
  return out;
}

export function colMeans(m: Matrix): Float64Array {
  const out = new Float64Array(m.cols);
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[off + j];
  }
  if (rows > 0) for (let j = 0; j < cols; j++) out[j] /= rows;
  return out;
}

/** Column variances with `ddof` (0 = population, numpy's default; 1 = sample, pandas'/scanpy's). Two-pass. */
export function colVariances(m: Matrix, ddof = 0): Float64Array {
  const mean = colMeans(m);
  const out = new Float64Array(m.cols);
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[off + j] - mean[j];
      out[j] += d * d;
    }
  }
  const denom = rows - ddof;
  for (let j = 0; j < cols; j++) out[j] = denom > 0 ? out[j] / denom : NaN;
  return out;
}

/** Copy of the given rows, in the given order. */
export function selectRowsDense(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float32Array(indices.length * m.cols);
  for (let r = 0; r < indices.length; r++) out.set(row(m, indices[r]), r * m.cols);
  return { rows: indices.length, cols: m.cols, data: out };
}

/** Throws naming `name` when any entry is NaN or infinite. */
export function assertFinite(name: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${name}: entry ${i} is ${data[i]} (finite values required)`);
  }
}

function checkDims(fn: string, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`${fn}: rows and cols must be non-negative integers, got ${rows}×${cols}`);
  }
}
