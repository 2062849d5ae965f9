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
 * A·Bᵀ (n×d times m×d → n×m): every entry is a dot product of two contiguous rows, computed by the register-blocked
 * kernel below in row blocks (float64 accumulation, float32 result).
 */
export function matmulTransB(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new Error(`matmulTransB: a is ${a.rows}×${a.cols} but b is ${b.rows}×${b.cols} (columns must match)`);
  const n = a.rows;
  const m = b.rows;
  const out = new Float32Array(n * m);
  const IB = 64;
  const tmp = new Float64Array(IB * m);
  for (let i0 = 0; i0 < n; i0 += IB) {
    const i1 = Math.min(n, i0 + IB);
    gemmTransB(a.data, i0, i1, b.data, 0, m, a.cols, tmp, m, 0);
    for (let t = 0; t < (i1 - i0) * m; t++) out[i0 * m + t] = tmp[t];
  }
  return { rows: n, cols: m, data: out };
}

/**
 * Kernel behind matmulTransB, exported for blocked callers (kNN): out[(i − aStart)·ldOut + colOffset + (j − bStart)]
 * = Σ_t A[i,t]·B[j,t] for i in [aStart, aEnd), j in [bStart, bEnd); A and B have d columns.
 * A 4×2 register block (6 loads for 8 multiply-adds) was the fastest shape measured in V8 (≈1.4× a 2×2 block);
 * blocks of B's rows (~64 KB) stay in cache while A's rows stream past.
 */
export function gemmTransB(
  A: Float32Array, aStart: number, aEnd: number,
  B: Float32Array, bStart: number, bEnd: number,
  d: number, out: Float64Array, ldOut: number, colOffset: number,
): void {
  const JB = Math.max(2, Math.floor(16384 / Math.max(1, d)));
  for (let j0 = bStart; j0 < bEnd; j0 += JB) {
    const j1 = Math.min(bEnd, j0 + JB);
    let i = aStart;
    for (; i + 3 < aEnd; i += 4) {
      const a1 = i * d;
      const a2 = a1 + d;
      const a3 = a2 + d;
      const a4 = a3 + d;
      const o = (i - aStart) * ldOut + colOffset - bStart;
      let j = j0;
      for (; j + 1 < j1; j += 2) {
        const b1 = j * d;
        const b2 = b1 + d;
        let s11 = 0;
        let s12 = 0;
        let s21 = 0;
        let s22 = 0;
        let s31 = 0;
        let s32 = 0;
        let s41 = 0;
        let s42 = 0;
        for (let t = 0; t < d; t++) {
          const y1 = B[b1 + t];
          const y2 = B[b2 + t];
          let x = A[a1 + t];
          s11 += x * y1;
          s12 += x * y2;
          x = A[a2 + t];
          s21 += x * y1;
          s22 += x * y2;
          x = A[a3 + t];
          s31 += x * y1;
          s32 += x * y2;
          x = A[a4 + t];
          s41 += x * y1;
          s42 += x * y2;
        }
        const p = o + j;
        out[p] = s11;
        out[p + 1] = s12;
        out[p + ldOut] = s21;
        out[p + ldOut + 1] = s22;
        out[p + 2 * ldOut] = s31;
        out[p + 2 * ldOut + 1] = s32;
        out[p + 3 * ldOut] = s41;
        out[p + 3 * ldOut + 1] = s42;
      }
      for (; j < j1; j++) {
        const b1 = j * d;
        for (let r = 0; r < 4; r++) out[o + r * ldOut + j] = dot32(A, a1 + r * d, B, b1, d);
      }
    }
    for (; i < aEnd; i++) {
      const o = (i - aStart) * ldOut + colOffset - bStart;
      for (let j = j0; j < j1; j++) out[o + j] = dot32(A, i * d, B, j * d, d);
    }
  }
}

function dot32(A: Float32Array, ao: number, B: Float32Array, bo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += A[ao + t] * B[bo + t];
  return s;
}

/**
 * A copy of `m` with every non-zero row scaled to unit L2 norm (the sum of squares in float64; zero rows stay zero):
 * the one typed-array row normaliser (the semantic view's fusion, pooled sentence embeddings). The engine's
 * `l2NormalizeRows` is the differentiable tensor form.
 */
export function l2NormalizeRows(m: Matrix): Matrix {
  const { rows, cols } = m;
  const data = new Float32Array(m.data.length);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += m.data[i * cols + c] ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let c = 0; c < cols; c++) data[i * cols + c] = m.data[i * cols + c] * inv;
  }
  return { rows, cols, data };
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
