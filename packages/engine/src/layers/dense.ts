import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import { activate, type Activation } from './activation.ts';
import { fusedDense } from './fused-dense.ts';
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

/** y = act(x·W + b). Bias (and ReLU) ride along with the (ORT) Gemm; see fused-dense.ts. */
export function dense(inputDim: number, units: number, rng: Rng, opts: DenseOptions = {}): Dense {
  const init = opts.init ?? 'glorot';
  const act = opts.activation ?? 'linear';
  const kernel = initWeight(inputDim, units, init, rng);
  const bias = opts.bias === false ? null : initBias(inputDim, units, init, rng);
  return {
    kernel,
    bias,
    inputDim,
    units,
    variables: bias ? [kernel, bias] : [kernel],
    apply(x: tf.Tensor2D, _opts?: ApplyOptions): tf.Tensor2D {
      const fused = act === 'relu' ? 'relu' : 'linear';
      const y = fusedDense(x, kernel as tf.Variable<tf.Rank.R2>, bias as tf.Variable<tf.Rank.R1> | null, fused);
      return act === fused ? y : (activate(y, act, opts.leakyAlpha) as tf.Tensor2D);
    },
  };
}
