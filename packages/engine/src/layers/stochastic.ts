/** Training-time corruption layers. Each draws a fresh seed per call from its own stream: reproducible per seed. */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import type { ApplyOptions, Layer } from './layer.ts';

/** Inverted dropout (kept units scaled by 1/(1−rate)). */
export function dropout(rate: number, rng: Rng): Layer {
  const r = rng.fork();
  return {
    variables: [],
    apply: (x: tf.Tensor2D, o: ApplyOptions = {}) => (o.training && rate > 0 ? (tf.dropout(x, rate, undefined, r.opSeed()) as tf.Tensor2D) : x),
  };
}

/**
 * Additive Gaussian noise, x + σ·ε (scDeepCluster, scziDesk). With `relative`, the noise scales with |x|
 * (x + σ·|x|·ε, AttentionAE-sc).
 */
export function gaussianNoise(sigma: number, rng: Rng, relative = false): Layer {
  const r = rng.fork();
  return {
    variables: [],
    apply(x: tf.Tensor2D, o: ApplyOptions = {}): tf.Tensor2D {
      if (!o.training || sigma === 0) return x;
      const eps = tf.randomNormal(x.shape, 0, sigma, 'float32', r.opSeed());
      return tf.add(x, relative ? tf.mul(tf.abs(x), eps) : eps) as tf.Tensor2D;
    },
  };
}
