/**
 * The ZINB output head of DCA / scDeepCluster / scDCC / scziDesk / scNAME: three dense heads on the last decoder
 * layer give the NB mean, the NB dispersion and the dropout probability of every gene.
 *   mean       = clamp(exp(h·W_μ + b), 1e-5, 1e6)      (× size factor inside the likelihood)
 *   dispersion = clamp(softplus(h·W_θ + b), 1e-4, 1e4)
 *   π          = sigmoid(h·W_π + b)
 * The clamps are the originals' `MeanAct` / `DispAct` (scDeepCluster_pytorch layers.py); the mean's is applied to the
 * logit (clampedExp) so that an overflowing logit cannot make the gradient NaN.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { clampedExp } from './clamped-exp.ts';
import { dense, type Dense } from './dense.ts';
import type { Init } from './init.ts';
import type { Module } from './layer.ts';
import { zinbNll } from '../losses/count-likelihood.ts';

export interface ZinbOutput {
  readonly mean: tf.Tensor2D;
  readonly dispersion: tf.Tensor2D;
  readonly pi: tf.Tensor2D;
}

export interface ZinbDecoder extends Module {
  readonly heads: { readonly mean: Dense; readonly dispersion: Dense; readonly pi: Dense };
  /** The three parameters for each row of the last hidden layer `h` [N, hidden]. */
  apply(h: tf.Tensor2D): ZinbOutput;
  /**
   * Mean ZINB negative log-likelihood of raw counts `x` [N, genes] under `out`, the mean scaled by `sizeFactors`
   * [N] or [N,1]; `ridge` adds λ·π² (scziDesk and scNAME use 1, scDeepCluster's PyTorch code 0).
   */
  loss(x: tf.Tensor2D, out: ZinbOutput, sizeFactors: tf.Tensor, ridge?: number): tf.Scalar;
}

export const MEAN_RANGE = [1e-5, 1e6] as const;
export const DISPERSION_RANGE = [1e-4, 1e4] as const;

export function zinbDecoder(hidden: number, genes: number, rng: Rng, opts: { init?: Init } = {}): ZinbDecoder {
  if (!Number.isInteger(hidden) || hidden < 1 || !Number.isInteger(genes) || genes < 1) {
    throw new Error(`zinbDecoder: hidden and genes must be positive integers, got ${hidden} and ${genes}`);
  }
  const r = rng.fork();
  const heads = {
    mean: dense(hidden, genes, r, { init: opts.init }),
    dispersion: dense(hidden, genes, r, { init: opts.init }),
    pi: dense(hidden, genes, r, { init: opts.init, activation: 'sigmoid' }),
  };
  return {
    heads,
    variables: [...heads.mean.variables, ...heads.dispersion.variables, ...heads.pi.variables],
    apply(h) {
      return {
        mean: clampedExp(heads.mean.apply(h), MEAN_RANGE[0], MEAN_RANGE[1]) as tf.Tensor2D,
        dispersion: tf.clipByValue(tf.softplus(heads.dispersion.apply(h)), DISPERSION_RANGE[0], DISPERSION_RANGE[1]) as tf.Tensor2D,
        pi: heads.pi.apply(h),
      };
    },
    loss(x, out, sizeFactors, ridge = 0) {
      return zinbNll(x, out.mean, out.dispersion, out.pi, { sizeFactors, ridge });
    },
  };
}
