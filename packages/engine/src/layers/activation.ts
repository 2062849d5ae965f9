import * as tf from '@tensorflow/tfjs';

export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'leakyrelu' | 'softplus' | 'mish' | 'selu';

/** Activations tfjs can fuse into `_FusedMatMul` (and the ORT kernel runs inside the Gemm session). */
export const FUSABLE = new Set<Activation>(['linear', 'relu', 'sigmoid', 'elu', 'leakyrelu']);

export function activate(x: tf.Tensor, a: Activation, leakyAlpha = 0.2): tf.Tensor {
  switch (a) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'leakyrelu':
      return tf.leakyRelu(x, leakyAlpha);
    case 'softplus':
      return tf.softplus(x);
    case 'mish':
      return tf.mul(x, tf.tanh(tf.softplus(x)));
    case 'selu':
      return tf.selu(x);
  }
}
