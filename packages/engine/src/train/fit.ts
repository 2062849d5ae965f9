/**
 * The one training loop every deep method uses. A method describes phases (pre-train, cluster, …); each phase
 * has a loss returning named parts, an optimiser and an epoch budget. The loop owns the mechanics: batching,
 * tidy per step, gradients, logging each part per epoch, snapshots, label-free early stop, abort, smoke mode,
 * and disposing everything it created.
 */
import * as tf from '@tensorflow/tfjs';
import type { Context } from '@scbench/api';
import type { Module } from '../layers/layer.ts';
import { createOptimizer, type Optimizer, type OptimizerSpec } from '../optim/optimizer.ts';
import { createRng, permutation, type Rng } from '@scbench/numerics';

/** Named loss terms. The optimised value is `total` when present, otherwise the sum of all parts. */
export type LossParts = Record<string, tf.Scalar>;

export interface Step {
  readonly phase: string;
  readonly epoch: number;
  /** Step within the epoch. */
  readonly step: number;
  /** Row indices of this mini-batch; null for full-batch training. */
  readonly rows: Int32Array | null;
  /** The rows of `t` in this batch (t itself for full batch). Created inside the step's tidy. */
  take<T extends tf.Tensor>(t: T): T;
  /** Always true inside fit; pass to layers' `apply`. */
  readonly training: true;
}

export type LossFn = (step: Step) => LossParts;

export interface EpochEnd {
  readonly phase: string;
  readonly epoch: number;
  /** Mean of each part over the epoch's steps (weighted by batch size), plus `total`. */
  readonly parts: Readonly<Record<string, number>>;
}

export interface Phase {
  name: string;
  epochs: number;
  loss: LossFn;
  optimizer: OptimizerSpec | Optimizer;
  /** Variables to train; default: the model's. */
  variables?: readonly tf.Variable[];
  /** Rows per mini-batch; omit for full batch. */
  batchSize?: number;
  /** Shuffle batch order each epoch (default true when mini-batching). */
  shuffle?: boolean;
  /** Drop a last, smaller batch (scMAE). */
  dropLast?: boolean;
  /** Clip the global gradient norm (AttentionAE-sc uses 3). */
  clipNorm?: number;
  /** Learning rate for an epoch (schedules such as StepLR). */
  lr?: (epoch: number) => number;
  /** Stop when the monitored part has not improved by `minDelta` for `patience` epochs. Label-free by design. */
  earlyStop?: { monitor?: string; patience: number; minDelta?: number };
  /** Before each epoch (e.g. refresh a DEC target P). May be async; runs outside any tidy. */
  beforeEpoch?(epoch: number): void | Promise<void>;
  /**
   * Before each optimisation step, outside any tidy: `iteration` counts steps over the whole phase from 0 (DEC counts
   * its target refreshes in iterations). Return true to stop the phase before this step.
   */
  beforeStep?(iteration: number, epoch: number, step: number): void | boolean | Promise<void | boolean>;
  /** After each epoch: return true to stop the phase (e.g. DEC's label-change tolerance). */
  afterEpoch?(e: EpochEnd): void | boolean | Promise<void | boolean>;
  /** Call ctx.snapshot(epoch, labels()) every `every` epochs and at the phase's last epoch (paper protocol). */
  snapshot?: { every: number; labels(): Int32Array | Promise<Int32Array> };
}

export interface FitOptions {
  /** Number of rows the batches index (cells); needed for mini-batching. */
  rows?: number;
  phases: readonly Phase[];
  /** Epochs per phase in smoke mode (default 2); mini-batch phases also stop after 2 steps per epoch. */
  smokeEpochs?: number;
}

export interface PhaseReport {
  name: string;
  epochs: number;
  stoppedEarly: boolean;
  /** Optimisation steps taken. */
  steps: number;
  last: Record<string, number>;
}

export interface FitReport {
  phases: PhaseReport[];
  seconds: number;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('training aborted');
}

function batches(n: number, size: number | undefined, shuffle: boolean, dropLast: boolean, rng: Rng): (Int32Array | null)[] {
  if (!size || size >= n) return [null];
  const order = shuffle ? permutation(rng, n) : Int32Array.from({ length: n }, (_, i) => i);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s += size) {
    if (dropLast && s + size > n) break;
    out.push(order.subarray(s, Math.min(n, s + size)));
  }
  return out;
}

/** One optimisation step inside a tidy; returns the parts' values. */
function trainStep(phase: Phase, vars: readonly tf.Variable[], opt: Optimizer, step: Step): Record<string, number> {
  let kept: LossParts = {};
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const parts = phase.loss(step);
      const names = Object.keys(parts);
      if (names.length === 0) throw new Error(`phase '${phase.name}': the loss returned no parts`);
      const total = parts.total ?? (names.length === 1 ? parts[names[0]] : (tf.addN(names.map((k) => parts[k])) as tf.Scalar));
      // Parts would be disposed with the gradient's forward scope; keep them to read after the step.
      kept = Object.fromEntries([...names.map((k) => [k, tf.keep(parts[k])]), ['total', tf.keep(total)]]);
      return total;
    }, vars as tf.Variable[]);
    let g = vars.map((v) => grads[v.name]);
    const missing = vars.filter((_, i) => !g[i]).map((v) => v.name);
    if (missing.length) throw new Error(`phase '${phase.name}': no gradient for ${missing.join(', ')}`);
    if (phase.clipNorm) {
      const norm = tf.sqrt(tf.addN(g.map((x) => tf.sum(tf.square(x))))).dataSync()[0];
      if (norm > phase.clipNorm) g = g.map((x) => tf.mul(x, phase.clipNorm! / norm));
    }
    opt.step(vars, g);
  });
  const values: Record<string, number> = {};
  for (const [k, t] of Object.entries(kept)) {
    if (values[k] === undefined) values[k] = t.dataSync()[0];
  }
  // `total` may be the same tensor as a part: dispose each tensor once.
  for (const t of new Set(Object.values(kept))) t.dispose();
  return values;
}

/**
 * Train `model` through the phases. Logs `ctx.log(phase, { epoch, ...parts })` each epoch. Checks the abort
 * signal every step and yields to the event loop each epoch so the signal and timers can fire.
 */
export async function fit(model: Module, opts: FitOptions, ctx: Context): Promise<FitReport> {
  const t0 = performance.now();
  const rng = createRng(ctx.seed ^ 0x5eed, 'mulberry32');
  const reports: PhaseReport[] = [];
  for (const phase of opts.phases) {
    const vars = phase.variables ?? model.variables;
    const owned = !('step' in phase.optimizer);
    const opt = owned ? createOptimizer(phase.optimizer as OptimizerSpec) : (phase.optimizer as Optimizer);
    const epochs = ctx.smoke ? Math.min(phase.epochs, opts.smokeEpochs ?? 2) : phase.epochs;
    const monitor = phase.earlyStop?.monitor ?? 'total';
    let best = Infinity;
    let since = 0;
    let stoppedEarly = false;
    let last: Record<string, number> = {};
    let epoch = 0;
    let iteration = 0;
    try {
      for (epoch = 1; epoch <= epochs; epoch++) {
        if (ctx.signal.aborted) throw abortError(ctx.signal);
        if (phase.lr) opt.lr = phase.lr(epoch);
        await phase.beforeEpoch?.(epoch);
        const n = opts.rows ?? 0;
        if (phase.batchSize && !n) throw new Error(`phase '${phase.name}': mini-batching needs FitOptions.rows`);
        let plan = batches(n, phase.batchSize, phase.shuffle ?? true, phase.dropLast ?? false, rng);
        if (ctx.smoke) plan = plan.slice(0, 2);
        const sums: Record<string, number> = {};
        let weight = 0;
        let stoppedInStep = false;
        for (let s = 0; s < plan.length; s++) {
          if (ctx.signal.aborted) throw abortError(ctx.signal);
          if (phase.beforeStep && (await phase.beforeStep(iteration, epoch, s)) === true) {
            stoppedInStep = true;
            break;
          }
          iteration++;
          const rows = plan[s];
          let index: tf.Tensor1D | null = null;
          const step: Step = {
            phase: phase.name,
            epoch,
            step: s,
            rows,
            training: true,
            take<T extends tf.Tensor>(t: T): T {
              if (!rows) return t;
              index ??= tf.tensor1d(rows, 'int32');
              return tf.gather(t, index) as T;
            },
          };
          const values = trainStep(phase, vars, opt, step);
          // The index tensor is created lazily inside the step's tidy and disposed with it.
          index = null;
          const w = rows ? rows.length : 1;
          for (const [k, v] of Object.entries(values)) sums[k] = (sums[k] ?? 0) + v * w;
          weight += w;
        }
        if (stoppedInStep && weight === 0) {
          // Stopped before this epoch's first step: the phase ended with the previous epoch.
          stoppedEarly = true;
          epoch--;
          break;
        }
        last = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / weight]));
        if (!Number.isFinite(last.total)) throw new Error(`phase '${phase.name}' epoch ${epoch}: loss is ${last.total}`);
        ctx.log(phase.name, { epoch, ...last });
        ctx.progress(phase.name, epoch, epochs);
        let stop = (await phase.afterEpoch?.({ phase: phase.name, epoch, parts: last })) === true || stoppedInStep;
        if (phase.snapshot && (epoch % phase.snapshot.every === 0 || epoch === epochs || stop)) {
          ctx.snapshot(epoch, await phase.snapshot.labels());
        }
        if (phase.earlyStop) {
          const v = last[monitor];
          if (v === undefined) throw new Error(`phase '${phase.name}': early stop monitors unknown part '${monitor}'`);
          if (v < best - (phase.earlyStop.minDelta ?? 0)) {
            best = v;
            since = 0;
          } else if (++since >= phase.earlyStop.patience) {
            stop = true;
          }
        }
        if (stop) {
          stoppedEarly = epoch < epochs || stoppedInStep;
          break;
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      if (owned) opt.dispose();
    }
    reports.push({ name: phase.name, epochs: Math.min(epoch, epochs), stoppedEarly, steps: iteration, last });
  }
  return { phases: reports, seconds: (performance.now() - t0) / 1000 };
}
