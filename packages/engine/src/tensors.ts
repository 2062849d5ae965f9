/** Moving the contract's Matrix/Csr in and out of tensors. */
import * as tf from '@tensorflow/tfjs';
import { isCsr, type Csr, type Matrix } from '@scbench/api';
import { csrToDense } from '@scbench/numerics';
import type { WasmBackend } from './wasm-backend.ts';

/** A dense rows×cols float32 tensor. CSR input is densified (fine for the HVG-sized matrices methods train on). */
export function toTensor(m: Matrix | Csr): tf.Tensor2D {
  if (!isCsr(m)) return tf.tensor2d(m.data, [m.rows, m.cols], 'float32');
  return tf.tensor2d(densify(m), [m.rows, m.cols], 'float32');
}

export function densify(m: Csr): Float32Array {
  return csrToDense(m).data;
}

/** Read a 2-D tensor back as a Matrix (a copy; the tensor is not disposed). */
export function toMatrix(t: tf.Tensor): Matrix {
  if (t.rank !== 2) throw new Error(`toMatrix expects a 2-D tensor, got shape [${t.shape}]`);
  return { rows: t.shape[0]!, cols: t.shape[1]!, data: t.dataSync() as Float32Array };
}

/**
 * A float32 tensor's values without the copy `dataSync` makes: on the wasm backend, a view into its heap. The view is
 * valid only until the next engine call (the heap may grow and move) or the tensor's disposal, so read it at once
 * and keep nothing. Other backends: `dataSync`. For large read-backs, e.g. the kNN search's N×block distance blocks.
 */
export function readNow(t: tf.Tensor): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`readNow reads float32 tensors, got ${t.dtype}`);
  if (tf.getBackend() !== 'wasm') return t.dataSync() as Float32Array;
  const wasm = tf.backend() as unknown as WasmBackend;
  return wasm.typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
}

/** A tensor's values as float32 for a typed-array loop: `readNow`'s heap view for float32, a copy for other dtypes. */
export function float32Now(t: tf.Tensor): Float32Array {
  return t.dtype === 'float32' ? readNow(t) : Float32Array.from(t.dataSync());
}

/** Argmax over each row, e.g. cluster labels from a soft assignment. */
export function rowArgmax(t: tf.Tensor2D): Int32Array {
  const idx = tf.argMax(t, 1);
  const out = Int32Array.from(idx.dataSync());
  idx.dispose();
  return out;
}
