/** Moving the contract's Matrix/Csr in and out of tensors. */
import * as tf from '@tensorflow/tfjs';
import { isCsr, type Csr, type Matrix } from '@scbench/api';

/** A dense rows×cols float32 tensor. CSR input is densified (fine for the HVG-sized matrices methods train on). */
export function toTensor(m: Matrix | Csr): tf.Tensor2D {
  if (!isCsr(m)) return tf.tensor2d(m.data, [m.rows, m.cols], 'float32');
  return tf.tensor2d(densify(m), [m.rows, m.cols], 'float32');
}

export function densify(m: Csr): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[i * m.cols + m.indices[p]] += m.data[p];
  }
  return out;
}

/** Read a 2-D tensor back as a Matrix (a copy; the tensor is not disposed). */
export function toMatrix(t: tf.Tensor): Matrix {
  if (t.rank !== 2) throw new Error(`toMatrix expects a 2-D tensor, got shape [${t.shape}]`);
  return { rows: t.shape[0]!, cols: t.shape[1]!, data: t.dataSync() as Float32Array };
}

/** Argmax over each row, e.g. cluster labels from a soft assignment. */
export function rowArgmax(t: tf.Tensor2D): Int32Array {
  const idx = tf.argMax(t, 1);
  const out = Int32Array.from(idx.dataSync());
  idx.dispose();
  return out;
}
