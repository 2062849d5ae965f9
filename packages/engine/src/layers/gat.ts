import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../variable.ts';
import { stopGradient } from '../stop-gradient.ts';
import type { Csr } from '@scbench/api';
import type { Rng } from '@scbench/numerics';
import { activate, type Activation } from './activation.ts';
import { initWeight, uniform, type Init } from './init.ts';
import type { Module } from './layer.ts';

/** Directed edges target ← source of a graph, self-loops included once. */
export interface EdgeList {
  readonly nodes: number;
  readonly target: Int32Array;
  readonly source: Int32Array;
}

/** Edges of a CSR graph's pattern (values ignored); row i attends over its columns, plus itself. */
export function edgeList(graph: Csr, selfLoops = true): EdgeList {
  const target: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < graph.rows; i++) {
    let self = false;
    for (let p = graph.indptr[i]; p < graph.indptr[i + 1]; p++) {
      target.push(i);
      source.push(graph.indices[p]);
      if (graph.indices[p] === i) self = true;
    }
    if (selfLoops && !self) {
      target.push(i);
      source.push(i);
    }
  }
  return { nodes: graph.rows, target: Int32Array.from(target), source: Int32Array.from(source) };
}

export interface GatOptions {
  heads?: number;
  /** Concatenate heads (hidden layers) or average them (output layer). Default concat. */
  concat?: boolean;
  activation?: Activation;
  leakyAlpha?: number;
  init?: Init;
}

export interface GatLayer extends Module {
  apply(x: tf.Tensor2D, edges: EdgeList): tf.Tensor2D;
  /** Attention weights of the last `apply` are not kept; compute them with `attention` when needed. */
  attention(x: tf.Tensor2D, edges: EdgeList): tf.Tensor2D;
}

/**
 * Graph attention (Veličković et al. 2018): α_ij = softmax_j LeakyReLU(a₁·Wh_i + a₂·Wh_j) over the neighbours
 * of i, h'_i = act(Σ_j α_ij W h_j). Edge-wise gathers and segment sums, so memory is O(E·heads·units).
 */
export function gat(inputDim: number, units: number, rng: Rng, opts: GatOptions = {}): GatLayer {
  const heads = opts.heads ?? 1;
  const concat = opts.concat ?? true;
  const alphaLeak = opts.leakyAlpha ?? 0.2;
  const w = initWeight(inputDim, heads * units, opts.init ?? 'glorot', rng);
  const lim = Math.sqrt(6 / (units + 1));
  const aT = variableFrom(tf.tensor2d(uniform(heads * units, lim, rng), [heads, units]), true);
  const aS = variableFrom(tf.tensor2d(uniform(heads * units, lim, rng), [heads, units]), true);
  const b = variableFrom(tf.zeros([concat ? heads * units : units]), true);

  function scores(wh: tf.Tensor3D, tgt: tf.Tensor1D, src: tf.Tensor1D, n: number): tf.Tensor2D {
    const sT = tf.sum(tf.mul(wh, aT), -1); // [N, H]
    const sS = tf.sum(tf.mul(wh, aS), -1);
    const e = tf.leakyRelu(tf.add(tf.gather(sT, tgt), tf.gather(sS, src)), alphaLeak); // [E, H]
    // Softmax over each target's edges. Subtracting one global max is exact for softmax and keeps exp finite.
    const ex = tf.exp(tf.sub(e, stopGradient(tf.max(e))));
    const denom = tf.unsortedSegmentSum(ex, tgt, n);
    return tf.div(ex, tf.add(tf.gather(denom, tgt), 1e-16)) as tf.Tensor2D;
  }

  function forward(x: tf.Tensor2D, edges: EdgeList): { att: tf.Tensor2D; out: tf.Tensor2D } {
    const n = x.shape[0];
    const tgt = tf.tensor1d(edges.target, 'int32');
    const src = tf.tensor1d(edges.source, 'int32');
    const wh = tf.reshape(tf.matMul(x, w), [n, heads, units]) as tf.Tensor3D;
    const att = scores(wh, tgt, src, n);
    const msg = tf.mul(tf.gather(wh, src), tf.expandDims(att, -1)); // [E, H, U]
    const agg = tf.unsortedSegmentSum(msg, tgt, n); // [N, H, U]
    const merged = concat ? tf.reshape(agg, [n, heads * units]) : tf.mean(agg, 1);
    return { att, out: activate(tf.add(merged, b), opts.activation ?? 'linear') as tf.Tensor2D };
  }

  return {
    variables: [w, aT, aS, b],
    apply: (x, edges) => forward(x, edges).out,
    attention: (x, edges) => forward(x, edges).att,
  };
}
