import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { spmm, type SparseMatrix } from '../sparse.ts';
import { activate, type Activation } from './activation.ts';
import { initBias, initWeight, type Init } from './init.ts';
import type { Module } from './layer.ts';

/** A normalised adjacency: sparse (kNN graphs) or a dense tensor (scCDCG's cosine graphs). */
export type Adjacency = SparseMatrix | tf.Tensor2D;

export interface GraphLayer extends Module {
  apply(x: tf.Tensor2D, adj: Adjacency): tf.Tensor2D;
}

export function propagate(adj: Adjacency, h: tf.Tensor2D): tf.Tensor2D {
  return adj instanceof tf.Tensor ? tf.matMul(adj, h) : spmm(adj, h);
}

export interface GcnOptions {
  activation?: Activation;
  bias?: boolean;
  init?: Init;
}

/**
 * Graph convolution (Kipf & Welling): act(Â · X · W [+ b]) with Â already normalised by the caller
 * (D^-1/2 (A+I) D^-1/2 or row-normalised, as each method specifies). SDCN/scDSC use no bias.
 */
export function gcn(inputDim: number, units: number, rng: Rng, opts: GcnOptions = {}): GraphLayer {
  const init = opts.init ?? 'glorot';
  const w = initWeight(inputDim, units, init, rng);
  const b = opts.bias ? initBias(inputDim, units, init, rng) : null;
  return {
    variables: b ? [w, b] : [w],
    apply(x: tf.Tensor2D, adj: Adjacency): tf.Tensor2D {
      // Â(XW) = (ÂX)W: the propagation costs non-zeros (or N²) × width, so it runs on the narrower side (scDSC's
      // 500 → 2,000 layer: a quarter of the work). The originals multiply XW first; only float rounding differs.
      let h = inputDim < units ? tf.matMul(propagate(adj, x), w) : propagate(adj, tf.matMul(x, w));
      if (b) h = tf.add(h, b);
      return activate(h, opts.activation ?? 'linear') as tf.Tensor2D;
    },
  };
}
