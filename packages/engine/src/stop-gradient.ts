import * as tf from '@tensorflow/tfjs';

/** The value of x with no gradient flowing back (tfjs has no stop_gradient): targets, running statistics. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const op = tf.customGrad(((t: tf.Tensor) => ({ value: tf.clone(t), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) })) as never);
  return op(x) as T;
}
