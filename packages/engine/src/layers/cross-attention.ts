/**
 * Multi-head cross-attention between two views of the same cells (AttentionAE-sc's `AttentionWide`,
 * LiShenghao813/AttentionAE-sc@8bfbbb8 model.py lines 54–101): keys and values come from `x`, queries from `y`; every
 * cell attends over all cells of the batch (a t × t map per head). Per head the width stays `emb` (the "wide"
 * variant: projections emb → emb·heads, no bias), queries and keys are each scaled by emb^(−1/4), dropout acts on the
 * projected queries in training, and a biased linear layer maps heads·emb back to emb.
 * Memory: the maps are computed one head at a time and recomputed in the backward pass (a custom gradient), so
 * training holds t² floats of attention at a time instead of heads·t² maps and their gradients (at 3,000 cells and
 * 8 heads the plain autodiff form exceeds the wasm backend's 4 GB heap). `queryBlock` computes the rows of a map a
 * block of queries at a time (the same result; for inference on many cells, no gradient).
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

/**
 * softmax(Q·Kᵀ)·V per head for Q, K, V [h, t, e], one head at a time; the backward pass recomputes each head's map:
 * dV = Aᵀ·dO, dA = dO·Vᵀ, dS = A ⊙ (dA − rowsum(dA ⊙ A)), dQ = dS·K, dK = dSᵀ·Q.
 */
export function headwiseAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  const h = q.shape[0];
  const head = (x: tf.Tensor3D, i: number): tf.Tensor2D => tf.squeeze(tf.slice(x, [i, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
  const op = tf.customGrad(((qq: tf.Tensor3D, kk: tf.Tensor3D, vv: tf.Tensor3D, save: tf.GradSaveFunc) => {
    save([qq, kk, vv]);
    const outs: tf.Tensor2D[] = [];
    for (let i = 0; i < h; i++) outs.push(tf.tidy(() => tf.matMul(tf.softmax(tf.matMul(head(qq, i), head(kk, i), false, true)), head(vv, i))));
    const value = tf.stack(outs) as tf.Tensor3D;
    tf.dispose(outs);
    return {
      value,
      gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
        const [sq, sk, sv] = saved as tf.Tensor3D[];
        const dq: tf.Tensor2D[] = [];
        const dk: tf.Tensor2D[] = [];
        const dv: tf.Tensor2D[] = [];
        for (let i = 0; i < h; i++) {
          const [a, b, c] = tf.tidy(() => {
            const qi = head(sq, i);
            const ki = head(sk, i);
            const vi = head(sv, i);
            const doi = head(dy, i);
            const att = tf.softmax(tf.matMul(qi, ki, false, true));
            const dAtt = tf.matMul(doi, vi, false, true);
            const dS = tf.mul(att, tf.sub(dAtt, tf.sum(tf.mul(dAtt, att), 1, true)));
            return [tf.matMul(dS, ki), tf.matMul(dS, qi, true, false), tf.matMul(att, doi, true, false)] as tf.Tensor2D[];
          });
          dq.push(a);
          dk.push(b);
          dv.push(c);
        }
        const grads = [tf.stack(dq), tf.stack(dk), tf.stack(dv)];
        tf.dispose([...dq, ...dk, ...dv]);
        return grads;
      },
    };
  }) as never);
  return (op as (a: tf.Tensor3D, b: tf.Tensor3D, c: tf.Tensor3D) => tf.Tensor3D)(q, k, v);
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
      // Each projection in its own tidy: on a full pass over N cells every intermediate (the projection, its transpose,
      // the dropout mask) is N × heads·emb, and only the last is needed (a tape, when on, keeps what it needs).
      const keys = tf.tidy(() => tf.mul(heads(toKeys.apply(x)), scale) as tf.Tensor3D);
      const values = tf.tidy(() => heads(toValues.apply(x)));
      const queries = tf.tidy(() => tf.mul(heads(drop.apply(toQueries.apply(y), o)), scale) as tf.Tensor3D);
      let out: tf.Tensor3D;
      const block = o.queryBlock ?? t;
      if (block < t) {
        const parts: tf.Tensor3D[] = [];
        for (let s = 0; s < t; s += block) {
          // Each block's heads × block × N scores are freed before the next (inference only: no tape keeps them).
          parts.push(tf.tidy(() => {
            const q = tf.slice(queries, [0, s, 0], [h, Math.min(block, t - s), emb]);
            return tf.matMul(tf.softmax(tf.matMul(q, keys, false, true)), values) as tf.Tensor3D; // rows over all cells
          }));
        }
        out = tf.concat(parts, 1) as tf.Tensor3D;
        tf.dispose(parts);
      } else {
        out = headwiseAttention(queries, keys, values);
      }
      const merged = tf.tidy(() => unify.apply(tf.reshape(tf.transpose(out, [1, 0, 2]), [t, h * emb]) as tf.Tensor2D));
      tf.dispose([keys, values, queries, out]);
      return merged;
    },
  };
}
