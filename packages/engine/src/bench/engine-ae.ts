/** The same reference step through the engine: denseStack layers, mse, Adam, one `fit()` phase. */
import * as tf from '@tensorflow/tfjs';
import { disposeModules, variablesOf } from '../layers/layer.ts';
import { denseStack } from '../layers/stack.ts';
import { mse } from '../losses/reconstruction.ts';
import { createRng } from '@scbench/numerics';
import { fit } from '../train/fit.ts';
import type { AeWeights } from './reference-ae.ts';

export interface EngineAe {
  /** Initial weights, to start the hand-built graph from the same point. */
  readonly init: AeWeights;
  /**
   * Run `steps` full-batch steps; returns each step's seconds and loss. `between` runs after each step, untimed
   * (the benchmark interleaves the hand-built graph there so both see the same machine load).
   */
  run(steps: number, between?: () => void): Promise<{ seconds: number[]; losses: number[] }>;
  dispose(): void;
}

export function engineAe(x: Float32Array, rows: number, dims: readonly number[], seed = 1, lr = 1e-3): EngineAe {
  const mid = Math.floor((dims.length - 1) / 2);
  const rng = createRng(seed, 'mulberry32');
  const enc = denseStack(dims.slice(0, mid + 1), rng, { activation: 'linear', init: 'torch' });
  const dec = denseStack(dims.slice(mid), rng, { activation: 'linear', init: 'torch' });
  const layers = [...enc.layers, ...dec.layers];
  const init = {
    kernels: layers.map((l) => l.kernel.dataSync().slice() as Float32Array),
    biases: layers.map((l) => l.bias!.dataSync().slice() as Float32Array),
  };
  const xt = tf.tensor2d(x, [rows, dims[0]]);
  return {
    init,
    async run(steps, between) {
      const seconds: number[] = [];
      const losses: number[] = [];
      let t = performance.now();
      const ctx = {
        seed,
        smoke: false,
        signal: new AbortController().signal,
        log: () => undefined,
        progress: () => undefined,
        snapshot: () => undefined,
        cache: <T>(_k: string, make: () => Promise<T>) => make(),
      };
      await fit(
        { variables: variablesOf(enc, dec) },
        {
          phases: [
            {
              name: 'bench',
              epochs: steps,
              optimizer: { kind: 'adam', lr },
              loss: (s) => ({ mse: mse(dec.apply(enc.apply(xt, s), s), xt) }),
              afterEpoch: (e) => {
                const now = performance.now();
                seconds.push((now - t) / 1000);
                losses.push(e.parts.mse);
                between?.();
                t = performance.now();
              },
            },
          ],
        },
        ctx,
      );
      return { seconds, losses };
    },
    dispose() {
      xt.dispose();
      disposeModules(enc, dec);
    },
  };
}
