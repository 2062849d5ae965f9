import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../variable.ts';
import type { Layer } from './layer.ts';

/** LayerNorm over features (last axis) with learned scale and shift, as torch.nn.LayerNorm. */
export function layerNorm(units: number, epsilon = 1e-5): Layer {
  const gamma = variableFrom(tf.ones([units]), true);
  const beta = variableFrom(tf.zeros([units]), true);
  return {
    variables: [gamma, beta],
    apply(x: tf.Tensor2D): tf.Tensor2D {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma), beta) as tf.Tensor2D;
    },
  };
}
