/** Weight initialisers drawn from the engine's seeded RNG. */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../variable.ts';
import type { Rng } from '@scbench/numerics';

/**
 * glorot: Keras' default (uniform ±√(6/(in+out))), bias 0.
 * torch: PyTorch's nn.Linear default (uniform ±1/√in for weight and bias).
 * he: uniform ±√(6/in), bias 0, for ReLU stacks.
 */
export type Init = 'glorot' | 'torch' | 'he';

export function uniform(n: number, limit: number, rng: Rng): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (2 * rng.uniform() - 1) * limit;
  return a;
}

export function initWeight(fanIn: number, fanOut: number, init: Init, rng: Rng, name?: string): tf.Variable {
  const limit = init === 'glorot' ? Math.sqrt(6 / (fanIn + fanOut)) : init === 'he' ? Math.sqrt(6 / fanIn) : 1 / Math.sqrt(fanIn);
  return variableFrom(tf.tensor2d(uniform(fanIn * fanOut, limit, rng), [fanIn, fanOut]), true, name);
}

export function initBias(fanIn: number, size: number, init: Init, rng: Rng, name?: string): tf.Variable {
  const values = init === 'torch' ? uniform(size, 1 / Math.sqrt(fanIn), rng) : new Float32Array(size);
  return variableFrom(tf.tensor1d(values), true, name);
}
