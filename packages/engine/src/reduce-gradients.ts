/**
 * Gradients of `Sum` and `Mean` with the ones made by the backend. tfjs 4.22 spreads dy over x's shape as
 * dy · ones(x.shape), the ones filled in JS and uploaded, for every reduction on the tape (BatchNorm's moments, the
 * losses' means). On wasm a `Fill` kernel makes them in half the time of the upload (dy · ones over 8,617 × 2,000:
 * 135 → 66 ms CPU); `broadcastTo` would be the obvious form, but wasm's Tile takes 720 ms there. The values are the
 * same: dy · 1 is exact, and the mean's dy / n is taken before the product instead of after.
 */
import * as tf from '@tensorflow/tfjs';

/** dy reshaped to x's rank, its reduced axes of size 1. */
function expanded(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): { dy: tf.Tensor; reduceSize: number } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const shape = x.shape.slice();
  let reduceSize = 1;
  for (const a of axes) {
    reduceSize *= shape[a];
    shape[a] = 1;
  }
  return { dy: tf.reshape(dy, shape), reduceSize };
}

let registered = false;

export function registerReduceGradients(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      return {
        x: () => {
          const e = expanded(dy as tf.Tensor, x, (attrs as unknown as tf.SumAttrs).axis);
          return tf.mul(e.dy, tf.fill(x.shape, 1));
        },
      };
    },
  });
  tf.registerGradient({
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      return {
        x: () => {
          const e = expanded(dy as tf.Tensor, x, (attrs as unknown as tf.MeanAttrs).axis);
          return tf.mul(tf.div(e.dy, e.reduceSize), tf.fill(x.shape, 1));
        },
      };
    },
  });
}
