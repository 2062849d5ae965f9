import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random.ts';
import { activate, FUSABLE, type Activation } from './activation.ts';
import { initBias, initWeight, type Init } from './init.ts';
import type { ApplyOptions, Layer } from './layer.ts';

export interface DenseOptions {
  activation?: Activation;
  bias?: boolean;
  init?: Init;
  leakyAlpha?: number;
}

export interface Dense extends Layer {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly inputDim: number;
  readonly units: number;
}

/** y = act(x·W + b). Uses tfjs' fused matmul so bias and activation ride along with the (ORT) Gemm. */
export function dense(inputDim: number, units: number, rng: Rng, opts: DenseOptions = {}): Dense {
  const init = opts.init ?? 'glorot';
  const act = opts.activation ?? 'linear';
  const kernel = initWeight(inputDim, units, init, rng);
  const bias = opts.bias === false ? null : initBias(inputDim, units, init, rng);
  const fuse = FUSABLE.has(act);
  return {
    kernel,
    bias,
    inputDim,
    units,
    variables: bias ? [kernel, bias] : [kernel],
    apply(x: tf.Tensor2D, _opts?: ApplyOptions): tf.Tensor2D {
      if (fuse) {
        return tf.fused.matMul({
          a: x,
          b: kernel,
          bias: bias ?? undefined,
          activation: act as tf.fused.Activation,
          leakyreluAlpha: opts.leakyAlpha ?? 0.2,
        }) as tf.Tensor2D;
      }
      const y = tf.fused.matMul({ a: x, b: kernel, bias: bias ?? undefined });
      return activate(y, act, opts.leakyAlpha) as tf.Tensor2D;
    },
  };
}
