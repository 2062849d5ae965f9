import type * as tf from '@tensorflow/tfjs';

/** Something that owns variables: the unit `fit()` trains and disposes. */
export interface Module {
  /** Trainable variables. */
  readonly variables: readonly tf.Variable[];
  /** Non-trainable state (e.g. BatchNorm running statistics). */
  readonly state?: readonly tf.Variable[];
}

export interface ApplyOptions {
  /** Dropout, noise and batch statistics act only in training. Default false. */
  training?: boolean;
  /** BatchNorm updates its running statistics in training unless this is false (a recomputed pass: see recompute.ts). */
  updateStatistics?: boolean;
}

/** A layer maps a 2-D batch to a 2-D batch. */
export interface Layer extends Module {
  apply(x: tf.Tensor2D, opts?: ApplyOptions): tf.Tensor2D;
}

/** Concatenate modules' variables (e.g. an encoder and a decoder trained together). */
export function variablesOf(...modules: Module[]): tf.Variable[] {
  return modules.flatMap((m) => [...m.variables]);
}

/** Dispose every variable and state of the modules. */
export function disposeModules(...modules: Module[]): void {
  for (const m of modules) {
    for (const v of [...m.variables, ...(m.state ?? [])]) v.dispose();
  }
}
