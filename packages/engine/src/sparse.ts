/**
 * Sparse (CSR) × dense products with a gradient, for graph layers and the NCut trace on kNN graphs.
 * tfjs-wasm has no sparse matmul; at the graph sizes here (N·k ≈ 10⁵ non-zeros) a typed-array loop is a few
 * milliseconds, far below the dense layers around it, so it is not worth an ORT session.
 */
import * as tf from '@tensorflow/tfjs';
import type { Csr } from '@scbench/api';

/** A constant sparse matrix with its transpose precomputed (the transpose carries the gradient). */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly csr: Csr;
  readonly transposed: Csr;
}

export function transposeCsr(m: Csr): Csr {
  const indptr = new Int32Array(m.cols + 1);
  for (let p = 0; p < m.indptr[m.rows]; p++) indptr[m.indices[p] + 1]++;
  for (let j = 0; j < m.cols; j++) indptr[j + 1] += indptr[j];
  const fill = indptr.slice(0, m.cols);
  const nnz = m.indptr[m.rows];
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const q = fill[m.indices[p]]++;
      indices[q] = i;
      data[q] = m.data[p];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, data };
}

export function sparseMatrix(csr: Csr): SparseMatrix {
  return { rows: csr.rows, cols: csr.cols, csr, transposed: transposeCsr(csr) };
}

/** out = A · X for row-major X with `d` columns. */
export function csrTimesDense(a: Csr, x: ArrayLike<number>, d: number): Float32Array {
  const out = new Float32Array(a.rows * d);
  for (let i = 0; i < a.rows; i++) {
    const o = i * d;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.data[p];
      const r = a.indices[p] * d;
      for (let c = 0; c < d; c++) out[o + c] += v * x[r + c];
    }
  }
  return out;
}

/** A · H with dL/dH = Aᵀ · dL/dY. A is constant (no gradient flows to it). */
export function spmm(a: SparseMatrix, h: tf.Tensor2D): tf.Tensor2D {
  if (h.shape[0] !== a.cols) throw new Error(`spmm: A is ${a.rows}×${a.cols} but H has ${h.shape[0]} rows`);
  const d = h.shape[1];
  const op = tf.customGrad(((x: tf.Tensor) => ({
    value: tf.tensor2d(csrTimesDense(a.csr, x.dataSync(), d), [a.rows, d]),
    gradFunc: (dy: tf.Tensor) => tf.tensor2d(csrTimesDense(a.transposed, dy.dataSync(), d), [a.cols, d]),
  })) as never);
  return op(h) as tf.Tensor2D;
}
