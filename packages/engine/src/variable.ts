import * as tf from '@tensorflow/tfjs';

/**
 * A variable that takes over `initial`. tf.variable() shares the data but leaves the initial tensor alive
 * (and counted in tf.memory()), so every layer would leak one tensor per weight without this.
 */
export function variableFrom(initial: tf.Tensor, trainable = true, name?: string): tf.Variable {
  const v = tf.variable(initial, trainable, name);
  initial.dispose();
  return v;
}
