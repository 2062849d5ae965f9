import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '@scbench/numerics';
import type { Activation } from './activation.ts';
import { activate } from './activation.ts';
import { batchNorm } from './batch-norm.ts';
import { dense, type Dense } from './dense.ts';
import type { Init } from './init.ts';
import type { ApplyOptions, Layer } from './layer.ts';
import { layerNorm } from './layer-norm.ts';
import { dropout, gaussianNoise } from './stochastic.ts';

export interface StackOptions {
  /** Activation of hidden layers (default relu). */
  activation?: Activation;
  /** Activation of the last layer (default linear). */
  outputActivation?: Activation;
  /** Normalisation after each hidden dense layer, before its activation. */
  norm?: 'batch' | 'layer' | null;
  /** Normalise (and activate) the last layer too, as scMAE's encoder does not but scDSC's does. Default false. */
  normOutput?: boolean;
  /** Dropout after each hidden activation. */
  dropout?: number;
  /** Gaussian noise σ on the input. */
  inputNoise?: number;
  /** Gaussian noise σ after each hidden activation (scDeepCluster's Keras version, scziDesk). */
  hiddenNoise?: number;
  /** Noise proportional to |x| (AttentionAE-sc). */
  relativeNoise?: boolean;
  init?: Init;
}

export interface Stack extends Layer {
  readonly layers: readonly Dense[];
}

/**
 * A dense stack dims[0] → dims[1] → … → dims[n]: each hidden layer is dense → norm → activation → dropout →
 * noise; the last is dense → outputActivation. One concept for every encoder/decoder in the benchmark.
 */
export function denseStack(dims: readonly number[], rng: Rng, opts: StackOptions = {}): Stack {
  if (dims.length < 2) throw new Error('denseStack needs at least input and output sizes');
  const act = opts.activation ?? 'relu';
  const outAct = opts.outputActivation ?? 'linear';
  const r = rng.fork();
  const inNoise = opts.inputNoise ? gaussianNoise(opts.inputNoise, r, opts.relativeNoise) : null;
  const steps: { dense: Dense; norm: Layer | null; act: Activation; drop: Layer | null; noise: Layer | null }[] = [];
  for (let i = 1; i < dims.length; i++) {
    const last = i === dims.length - 1;
    const withNorm = opts.norm && (!last || opts.normOutput) ? opts.norm : null;
    const a = last ? outAct : act;
    // Without a norm, bias and activation fuse into the matmul; with one, the norm sits in between.
    const d = dense(dims[i - 1], dims[i], r, { init: opts.init, activation: withNorm ? 'linear' : a });
    steps.push({
      dense: d,
      norm: withNorm === 'batch' ? batchNorm(dims[i]) : withNorm === 'layer' ? layerNorm(dims[i]) : null,
      act: withNorm ? a : 'linear',
      drop: !last && opts.dropout ? dropout(opts.dropout, r) : null,
      noise: !last && opts.hiddenNoise ? gaussianNoise(opts.hiddenNoise, r, opts.relativeNoise) : null,
    });
  }
  const parts: Layer[] = steps.flatMap((s) => [s.dense, ...(s.norm ? [s.norm] : [])]);
  return {
    layers: steps.map((s) => s.dense),
    variables: parts.flatMap((p) => [...p.variables]),
    state: parts.flatMap((p) => [...(p.state ?? [])]),
    apply(x: tf.Tensor2D, o: ApplyOptions = {}): tf.Tensor2D {
      let h = inNoise ? inNoise.apply(x, o) : x;
      for (const s of steps) {
        h = s.dense.apply(h, o);
        if (s.norm) h = activate(s.norm.apply(h, o), s.act) as tf.Tensor2D;
        if (s.drop) h = s.drop.apply(h, o);
        if (s.noise) h = s.noise.apply(h, o);
      }
      return h;
    },
  };
}
