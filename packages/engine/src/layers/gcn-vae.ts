import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { gcn, type Adjacency } from './gcn.ts';
import type { Module } from './layer.ts';

/**
 * Variational graph autoencoder's encoder (Kipf & Welling 2016, the GCN-VAE scGNN uses: juexinwang/scGNN@09ac50b
 * gae/model.py lines 9–32, gae/layers.py lines 7–32): one ReLU GCN layer to `hidden1`, then two linear GCN heads to
 * `hidden2` for μ and for the spread, all without bias, Xavier-uniform weights drawn in that order. The decoder is
 * the inner product z·zᵀ (losses/inner-product.ts).
 *
 * The original calls the second head `logvar` but uses it as log σ: the sample is μ + ε·exp(logvar) and its KL term
 * reads 2·logvar and exp(logvar)² (gae/model.py line 23, gae/optimizer.py lines 17–18). Here it is named `logStd`.
 */
export interface GcnVae extends Module {
  encode(x: tf.Tensor2D, adj: Adjacency): { mu: tf.Tensor2D; logStd: tf.Tensor2D };
  /** z = μ + ε ⊙ exp(logStd) with ε ~ N(0, 1) given (drawn by the caller from its seeded RNG). */
  sample(mu: tf.Tensor2D, logStd: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D;
}

export function gcnVae(inputDim: number, hidden1: number, hidden2: number, rng: Rng): GcnVae {
  const gc1 = gcn(inputDim, hidden1, rng, { activation: 'relu', init: 'glorot' });
  const gcMu = gcn(hidden1, hidden2, rng, { init: 'glorot' });
  const gcLogStd = gcn(hidden1, hidden2, rng, { init: 'glorot' });
  return {
    variables: [...gc1.variables, ...gcMu.variables, ...gcLogStd.variables],
    encode(x, adj) {
      const h = gc1.apply(x, adj);
      return { mu: gcMu.apply(h, adj), logStd: gcLogStd.apply(h, adj) };
    },
    sample(mu, logStd, eps) {
      return tf.add(mu, tf.mul(eps, tf.exp(logStd)));
    },
  };
}
