/**
 * Multi-head cross-attention between two views of the same cells (AttentionAE-sc's `AttentionWide`,
 * LiShenghao813/AttentionAE-sc@8bfbbb8 model.py lines 54–101): keys and values come from `x`, queries from `y`; every
 * cell attends over all cells of the batch (a t × t map per head). Per head the width stays `emb` (the "wide"
 * variant: projections emb → emb·heads, no bias), queries and keys are each scaled by emb^(−1/4), dropout acts on the
 * projected queries in training, and a biased linear layer maps heads·emb back to emb.
 * Memory is heads·t² per call: `queryBlock` computes the rows of the attention map a block of queries at a time
 * (the same result; for inference on many cells).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { dense, type Dense } from './dense.ts';
import type { Init } from './init.ts';
import type { ApplyOptions, Module } from './layer.ts';
import { dropout } from './stochastic.ts';

export interface CrossAttentionOptions {
  heads?: number;
  /** Dropout on the projected queries (the original's 0.2). */
  dropout?: number;
  init?: Init;
}

export interface CrossAttention extends Module {
  /** out[t, emb]: `y`'s rows attend over `x`'s rows. Both [t, emb]. */
  apply(x: tf.Tensor2D, y: tf.Tensor2D, o?: ApplyOptions & { queryBlock?: number }): tf.Tensor2D;
}

export function crossAttention(emb: number, rng: Rng, opts: CrossAttentionOptions = {}): CrossAttention {
  const h = opts.heads ?? 8;
  if (!Number.isInteger(h) || h < 1) throw new Error(`crossAttention: heads must be a positive integer, got ${h}`);
  const r = rng.fork();
  const init = opts.init ?? 'torch';
  const toKeys: Dense = dense(emb, emb * h, r, { bias: false, init });
  const toQueries: Dense = dense(emb, emb * h, r, { bias: false, init });
  const toValues: Dense = dense(emb, emb * h, r, { bias: false, init });
  const unify: Dense = dense(h * emb, emb, r, { init });
  const drop = dropout(opts.dropout ?? 0.2, r);
  const heads = (m: tf.Tensor2D): tf.Tensor3D => tf.transpose(tf.reshape(m, [m.shape[0], h, emb]), [1, 0, 2]);
  const scale = emb ** -0.25;
  return {
    variables: [toKeys, toQueries, toValues, unify].flatMap((l) => [...l.variables]),
    apply(x, y, o = {}) {
      const t = x.shape[0];
      if (y.shape[0] !== t || x.shape[1] !== emb || y.shape[1] !== emb) {
        throw new Error(`crossAttention: x and y must both be [t, ${emb}], got [${x.shape}] and [${y.shape}]`);
      }
      const keys = tf.mul(heads(toKeys.apply(x)), scale) as tf.Tensor3D;
      const values = heads(toValues.apply(x));
      const queries = tf.mul(heads(drop.apply(toQueries.apply(y), o)), scale) as tf.Tensor3D;
      const block = o.queryBlock && o.queryBlock < t ? o.queryBlock : t;
      const parts: tf.Tensor3D[] = [];
      for (let s = 0; s < t; s += block) {
        const q = block === t ? queries : tf.slice(queries, [0, s, 0], [h, Math.min(block, t - s), emb]);
        const att = tf.softmax(tf.matMul(q, keys, false, true)); // [h, b, t], rows over all cells
        parts.push(tf.matMul(att, values) as tf.Tensor3D);
      }
      const out = parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor3D);
      return unify.apply(tf.reshape(tf.transpose(out, [1, 0, 2]), [t, h * emb]) as tf.Tensor2D);
    },
  };
}
