/**
 * x·W + b (+ ReLU) as one `_FusedMatMul` kernel with a *registered* gradient.
 *
 * Why not tf.fused.matMul: it wraps the kernel in tf.customGrad, which (1) clones every saved tensor
 * (a full copy of the N×D activations per layer per step) and (2) evaluates all input gradients eagerly,
 * including dL/dX of the first layer, a useless N×D×H matmul when X is data. A registered gradient is lazy
 * per input and saves by reference. tfjs' own fused op is unaffected: it runs the kernel inside customGrad,
 * where the tape is paused.
 */
import * as tf from '@tensorflow/tfjs';

export type FusedActivation = 'linear' | 'relu';

let registered = false;

function registerFusedMatMulGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf._FusedMatMul,
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [a, b, y] = saved as tf.Tensor[];
      const { transposeA, transposeB, activation } = attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
      if (activation !== 'linear' && activation !== 'relu') throw new Error(`no gradient for fused activation ${activation}`);
      const g = (): tf.Tensor => (activation === 'relu' ? tf.mul(dy as tf.Tensor, tf.step(y)) : (dy as tf.Tensor));
      return {
        a: () => (transposeA ? tf.matMul(b, g(), transposeB, true) : tf.matMul(g(), b, false, !transposeB)),
        b: () => (transposeB ? tf.matMul(g(), a, true, transposeA) : tf.matMul(a, g(), !transposeA, false)),
        bias: () => tf.sum(g(), [0, 1]),
      };
    },
  });
}

/** act(x·w + bias) for 2-D x [m,k], w [k,n], bias [n]. */
export function fusedDense(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D | null, activation: FusedActivation): tf.Tensor2D {
  registerFusedMatMulGradient();
  const [m, k] = x.shape;
  const n = w.shape[1];
  const inputs: Record<string, tf.Tensor> = { a: tf.reshape(x, [1, m, k]), b: tf.reshape(w, [1, k, n]) };
  if (bias) inputs.bias = bias;
  const y = tf.engine().runKernel(tf._FusedMatMul, inputs, { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 }) as tf.Tensor;
  return tf.reshape(y, [m, n]) as tf.Tensor2D;
}
