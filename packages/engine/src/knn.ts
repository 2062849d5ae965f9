/**
 * Exact euclidean kNN with the N×N dot products on the engine — one block of query rows against all rows per
 * matMul — and the selection in @scbench/numerics' heaps (`knnFromRowBlocks`: same tie-breaking and output as
 * `knn`). The sparse graph's neighbour search at 100,000 cells is ~N²·d/2 = 2.5·10¹¹ multiply-adds on 50 PCs:
 * minutes in plain JS, seconds in the engine's SIMD kernels. Used by scLLM-DSC's sparse graph and the baselines'
 * large-N searches. Products are float32 (the JS path accumulates in
 * float64), so near-ties can order differently.
 */
import type { Matrix } from '@scbench/api';
import * as tf from '@tensorflow/tfjs';
import { readNow } from './tensors.ts';
import { knnFromRowBlocks, type KnnResult, type RowProducts } from '@scbench/numerics';

/** `blockRows` × N float32 dots are held at once (512 × 100,000 = 205 MB). */
export function engineKnn(points: Matrix, k: number, blockRows = 512): KnnResult {
  const { rows: n, cols: d } = points;
  if (points.data.length !== n * d) throw new Error(`engineKnn: points has ${points.data.length} entries, expected ${n}×${d}`);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += points.data[i * d + f] ** 2;
    norms[i] = s;
  }
  const products = engineRowProducts(points.data, n, d);
  try {
    return knnFromRowBlocks(n, k, norms, products.block, blockRows);
  } finally {
    products.release();
  }
}

/**
 * Row-block products on the engine for `engineKnn` and numerics' `topSimilar` / `similarityGraph` (scDSC's graphs): the rows go
 * to the engine once, each block is one matMul against all of them. float32 products (the JS path accumulates in
 * float64), so near-ties can order differently.
 */
export const engineRowProducts: RowProducts = (rows, n, d) => {
  const all = tf.tensor2d(rows, [n, d]);
  let held: tf.Tensor | null = null;
  return {
    block(q0, q1) {
      held?.dispose();
      held = tf.tidy(() => tf.matMul(all.slice([q0, 0], [q1 - q0, d]), all, false, true));
      return readNow(held); // no copy: read before the next engine call
    },
    release() {
      held?.dispose();
      held = null;
      all.dispose();
    },
  };
};
