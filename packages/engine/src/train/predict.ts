/**
 * Eval-mode forward pass over every row, in batches: what the originals' `encodeBatch` / `model.predict` do before
 * k-means, at each target refresh and for the read-out. `forward` gets `{ training: false }`, so noise and dropout
 * are off; each batch runs in its own tidy and only the concatenated result leaves.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '@scbench/api';
import type { ApplyOptions } from '../layers/layer.ts';

export type Forward = (batch: tf.Tensor2D, opts: ApplyOptions) => tf.Tensor2D;

/** The forward outputs of all rows of `x`, as a tensor [N, out] the caller disposes. */
export function predictTensor(x: tf.Tensor2D, forward: Forward, batchSize = 2048): tf.Tensor2D {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`predict: batchSize must be a positive integer, got ${batchSize}`);
  const n = x.shape[0];
  if (n <= batchSize) return tf.tidy(() => forward(x, { training: false }));
  const parts: tf.Tensor2D[] = [];
  try {
    for (let s = 0; s < n; s += batchSize) {
      parts.push(tf.tidy(() => forward(tf.slice(x, [s, 0], [Math.min(batchSize, n - s), -1]), { training: false })));
    }
    return tf.concat(parts, 0);
  } finally {
    for (const p of parts) p.dispose();
  }
}

/** The forward outputs of all rows of `x`, read back as a Matrix. */
export function predict(x: tf.Tensor2D, forward: Forward, batchSize = 2048): Matrix {
  const t = predictTensor(x, forward, batchSize);
  try {
    return { rows: t.shape[0], cols: t.shape[1], data: t.dataSync() as Float32Array };
  } finally {
    t.dispose();
  }
}
