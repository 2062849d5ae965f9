import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../variable.ts';
import { stopGradient } from '../stop-gradient.ts';
import type { ApplyOptions, Layer } from './layer.ts';

export interface BatchNormOptions {
  /** PyTorch convention: running = (1 − momentum)·running + momentum·batch. Default 0.1. */
  momentum?: number;
  epsilon?: number;
}

/**
 * BatchNorm over the batch axis. Training normalises with batch statistics and updates the running ones
 * (unbiased variance, as PyTorch); inference uses the running statistics.
 */
export function batchNorm(units: number, opts: BatchNormOptions = {}): Layer {
  const momentum = opts.momentum ?? 0.1;
  const eps = opts.epsilon ?? 1e-5;
  const gamma = variableFrom(tf.ones([units]), true);
  const beta = variableFrom(tf.zeros([units]), true);
  const runMean = variableFrom(tf.zeros([units]), false);
  const runVar = variableFrom(tf.ones([units]), false);
  return {
    variables: [gamma, beta],
    state: [runMean, runVar],
    apply(x: tf.Tensor2D, o: ApplyOptions = {}): tf.Tensor2D {
      if (!o.training) return tf.batchNorm(x, runMean, runVar, beta, gamma, eps) as tf.Tensor2D;
      const { mean, variance } = tf.moments(x, 0);
      const n = x.shape[0];
      // Running statistics are state, not part of the differentiated graph.
      if (o.updateStatistics !== false) tf.tidy(() => {
        const unbiased = tf.mul(stopGradient(variance), n > 1 ? n / (n - 1) : 1);
        runMean.assign(tf.add(tf.mul(runMean, 1 - momentum), tf.mul(stopGradient(mean), momentum)));
        runVar.assign(tf.add(tf.mul(runVar, 1 - momentum), tf.mul(unbiased, momentum)));
      });
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta) as tf.Tensor2D;
    },
  };
}
