/**
 * Sparse (CSR) × dense products with a gradient, for graph layers and the NCut trace on kNN graphs.
 * tfjs-wasm has no sparse matmul; at the graph sizes here (N·k ≈ 10⁵ non-zeros) a typed-array loop is a few
 * milliseconds, far below the dense layers around it, so it is not worth an ORT session.
 */
import * as tf from '@tensorflow/tfjs';
import type { Csr } from '@scbench/api';
import { csrMatmulDense, csrTranspose } from '@scbench/numerics';
import { float32Now } from './tensors.ts';

/** A constant sparse matrix with its transpose precomputed (the transpose carries the gradient). */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly csr: Csr;
  readonly transposed: Csr;
}

export function sparseMatrix(csr: Csr): SparseMatrix {
  return { rows: csr.rows, cols: csr.cols, csr, transposed: csrTranspose(csr) };
}

/** out = A · X for row-major X with `d` columns (numerics' kernel, float64 accumulation; X read in place). */
function csrTimesDense(a: Csr, x: Float32Array, d: number): Float32Array {
  return csrMatmulDense(a, { rows: a.cols, cols: d, data: x }).data;
}

/** A · H with dL/dH = Aᵀ · dL/dY. A is constant (no gradient flows to it). */
export function spmm(a: SparseMatrix, h: tf.Tensor2D): tf.Tensor2D {
  if (h.shape[0] !== a.cols) throw new Error(`spmm: A is ${a.rows}×${a.cols} but H has ${h.shape[0]} rows`);
  const d = h.shape[1];
  const op = tf.customGrad(((x: tf.Tensor) => ({
    value: tf.tensor2d(csrTimesDense(a.csr, float32Now(x), d), [a.rows, d]),
    gradFunc: (dy: tf.Tensor) => tf.tensor2d(csrTimesDense(a.transposed, float32Now(dy), d), [a.cols, d]),
  })) as never);
  return op(h) as tf.Tensor2D;
}
