/**
 * The DEC self-training stage (Xie et al. 2016), shared by DEC, IDEC, DESC, scDeepCluster and scDCC:
 *   1. centres μ: k-means (n_init 20, numerics' sklearn-equivalent k-means) on the eval-mode bottleneck, or given;
 *   2. every `updateInterval` iterations (DEC-keras) or epochs (scDeepCluster): Q = Student-t(z, μ) over all cells
 *      in eval mode, the target P = decTarget(Q), labels = argmax Q; stop when fewer than `tol` of the labels changed
 *      since the last refresh (not at the first); `ctx.snapshot` at each refresh (paper protocol);
 *   3. between refreshes: minimise klWeight · KL(P_batch ‖ Q_batch) (+ the method's own parts, e.g. ZINB) over the
 *      encoder's variables and μ;
 *   4. read-out: argmax Q over all cells in eval mode after the last step.
 * Nothing here sees labels; the stop rule compares the method's own successive predictions.
 */
import * as tf from '@tensorflow/tfjs';
import type { Context, Matrix } from '@scbench/api';
import { kmeans } from '@scbench/numerics';
import { klDivergence, decTarget, studentT } from '../losses/clustering.ts';
import { createOptimizer, type OptimizerSpec } from '../optim/optimizer.ts';
import { fit, type LossParts, type Step } from './fit.ts';
import { predict, type Forward } from './predict.ts';
import { variableFrom } from '../variable.ts';
import { rowArgmax } from '../tensors.ts';

export interface DecTraining {
  /** The bottleneck of this batch, computed in training mode (with the method's noise). */
  z: tf.Tensor2D;
  /** The method's other loss parts on this batch (e.g. `{ zinb }`); KL is added by the stage. */
  parts?: LossParts;
}

export interface DecStageOptions {
  /** Number of clusters (the dataset's K). */
  k: number;
  /** The encoder's input for all cells [N, D]. */
  x: tf.Tensor2D;
  /** Eval-mode encoder (predict calls it with `{ training: false }`). */
  encode: Forward;
  /** One training batch: the bottleneck and any extra parts. Use `step.take(x)` for the batch rows. */
  train(step: Step): DecTraining;
  /** Trained beside the centres (the encoder's; the decoder's too when `train` adds a reconstruction part). */
  variables: readonly tf.Variable[];
  optimizer: OptimizerSpec;
  /** Rows per batch (omit: full batch). */
  batchSize?: number;
  /** Shuffle each epoch (scDeepCluster) or walk the rows in order (DEC-keras). Default true. */
  shuffle?: boolean;
  /** Budget in `unit`s: DEC-keras maxiter 2e4 iterations; scDeepCluster 2000 epochs. */
  maxIter: number;
  /** Refresh the target every this many `unit`s. */
  updateInterval: number;
  unit: 'iterations' | 'epochs';
  /** Stop when the fraction of changed labels between refreshes falls below this (DEC 1e-3). */
  tol: number;
  /** Student-t degrees of freedom (1). */
  alpha?: number;
  /** k-means restarts for the centres (20). */
  nInit?: number;
  /** Weight of KL(P‖Q) (scDeepCluster's γ; 1). */
  klWeight?: number;
  /** Start from these centres (K × d) instead of k-means (DESC's Louvain initialisation). */
  initCentres?: Matrix;
  /** Rows per eval-mode prediction batch. */
  predictBatch?: number;
  /** Phase name in logs (default 'cluster'). */
  name?: string;
  /**
   * After each epoch's batches: further steps with the same optimiser and its state, over `variables` and the centres
   * — scDCC's must-link and cannot-link passes (ttgump/scDCC @ 142e4e0, scDCC.py:242-279). Each entry is one step's
   * loss; `assign(z)` is the Student-t Q of a bottleneck against the current centres. A variable the step's loss does
   * not reach is left alone (no gradient, no update). Logged as `<name>-extra`: per epoch, each part's mean over the
   * steps that returned it.
   */
  afterEpochSteps?: (epoch: number) => readonly ExtraStep[];
}

/** One extra optimisation step of `decStage` (see `afterEpochSteps`). */
export type ExtraStep = (assign: (z: tf.Tensor2D) => tf.Tensor2D) => LossParts;

export interface DecStageResult {
  /** argmax Q after the last step. */
  labels: Int32Array;
  /** The bottleneck of all cells (eval mode) after the last step. */
  embedding: Matrix;
  centres: Matrix;
  /** k-means (or given) labels the stage started from. */
  initLabels: Int32Array;
  refreshes: number;
  /** Steps taken and epochs started. */
  iterations: number;
  epochs: number;
  /** True when the label-change tolerance stopped it before the budget. */
  converged: boolean;
  /** Fraction of labels changed at the last refresh (NaN with a single refresh). */
  lastDelta: number;
}

function changed(a: Int32Array, b: Int32Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) c++;
  return c / a.length;
}

export async function decStage(o: DecStageOptions, ctx: Context): Promise<DecStageResult> {
  const alpha = o.alpha ?? 1;
  const klWeight = o.klWeight ?? 1;
  const n = o.x.shape[0];
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > n) throw new Error(`decStage: k must be an integer in [1, ${n}], got ${o.k}`);
  for (const [name, v] of [['maxIter', o.maxIter], ['updateInterval', o.updateInterval]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`decStage: ${name} must be a positive integer, got ${v}`);
  }
  const z0 = predict(o.x, o.encode, o.predictBatch);
  let initLabels: Int32Array;
  let init: Matrix;
  if (o.initCentres) {
    if (o.initCentres.rows !== o.k || o.initCentres.cols !== z0.cols) {
      throw new Error(`decStage: initCentres is ${o.initCentres.rows}×${o.initCentres.cols}, expected ${o.k}×${z0.cols}`);
    }
    init = o.initCentres;
    const q = tf.tidy(() => studentT(tf.tensor2d(z0.data, [z0.rows, z0.cols]), tf.tensor2d(init.data, [init.rows, init.cols]), alpha));
    initLabels = rowArgmax(q);
    q.dispose();
  } else {
    const km = kmeans(z0, o.k, { nInit: o.nInit ?? 20, seed: ctx.seed });
    init = km.centers;
    initLabels = km.labels;
  }
  const centres = variableFrom(tf.tensor2d(Float32Array.from(init.data), [o.k, z0.cols]), true) as tf.Variable<tf.Rank.R2>;
  const qAll = (): tf.Tensor2D => tf.tidy(() => {
    const z = tf.tensor2d(predict(o.x, o.encode, o.predictBatch).data, [n, z0.cols]);
    return studentT(z, centres, alpha);
  });
  let target: tf.Tensor2D | null = null;
  let labels = initLabels;
  let refreshes = 0;
  let lastDelta = NaN;
  let converged = false;
  const refresh = (trained: number): boolean => {
    const q = qAll();
    const next = rowArgmax(q);
    target?.dispose();
    target = decTarget(q);
    q.dispose();
    if (refreshes > 0) lastDelta = changed(labels, next);
    labels = next;
    refreshes++;
    ctx.snapshot(trained, labels);
    ctx.log('target', { at: trained, delta: Number.isNaN(lastDelta) ? -1 : lastDelta });
    if (refreshes > 1 && lastDelta < o.tol) {
      converged = true;
      return true;
    }
    return false;
  };
  const stepsPerEpoch = o.batchSize && o.batchSize < n ? Math.ceil(n / o.batchSize) : 1;
  const epochs = o.unit === 'epochs' ? o.maxIter : Math.ceil(o.maxIter / stepsPerEpoch);
  let epochsStarted = 0;
  const trained = [...o.variables, centres];
  // With extra steps the stage owns the optimiser, so they share its state with the epoch's batches (as scDCC does).
  const opt = o.afterEpochSteps ? createOptimizer(o.optimizer) : null;
  const extraSteps = async (epoch: number): Promise<void> => {
    const steps = o.afterEpochSteps!(epoch);
    // Each part's mean over the steps that have it (must-link parts over must-link steps only, not over all).
    const sums: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const lossOf of steps) {
      if (ctx.signal.aborted) return;
      const values = tf.tidy(() => {
        const kept: Record<string, number> = {};
        const { grads, value } = tf.variableGrads(() => {
          const parts = lossOf((z) => studentT(z, centres, alpha));
          const names = Object.keys(parts);
          if (names.length === 0) throw new Error('decStage: an extra step returned no loss parts');
          for (const k of names) kept[k] = parts[k].dataSync()[0];
          return (names.length === 1 ? parts[names[0]] : tf.addN(names.map((k) => parts[k]))) as tf.Scalar;
        }, trained);
        const reached = trained.filter((v) => grads[v.name]);
        opt!.step(reached, reached.map((v) => grads[v.name]));
        kept.total = value.dataSync()[0];
        return kept;
      });
      for (const [k, v] of Object.entries(values)) {
        sums[k] = (sums[k] ?? 0) + v;
        counts[k] = (counts[k] ?? 0) + 1;
      }
    }
    if (steps.length) ctx.log(`${o.name ?? 'cluster'}-extra`, { epoch, steps: steps.length, ...Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / counts[k]])) });
  };
  try {
    const report = await fit({ variables: trained }, {
      rows: n,
      smokeEpochs: 2,
      phases: [{
        name: o.name ?? 'cluster',
        epochs,
        optimizer: opt ?? o.optimizer,
        batchSize: o.batchSize,
        shuffle: o.shuffle ?? true,
        beforeStep(iteration, epoch, step) {
          epochsStarted = epoch;
          if (o.unit === 'iterations') {
            if (iteration >= o.maxIter) return true;
            return iteration % o.updateInterval === 0 ? refresh(iteration) : false;
          }
          return step === 0 && (epoch - 1) % o.updateInterval === 0 ? refresh(epoch - 1) : false;
        },
        afterEpoch: o.afterEpochSteps ? (e) => extraSteps(e.epoch) : undefined,
        loss(step) {
          const { z, parts = {} } = o.train(step);
          const q = studentT(z, centres, alpha);
          const kl = klDivergence(step.take(target!), q, 'batchmean');
          return { ...parts, kl: klWeight === 1 ? kl : tf.mul(klWeight, kl) as tf.Scalar };
        },
      }],
    }, ctx);
    const ph = report.phases[0];
    const q = qAll();
    const final = rowArgmax(q);
    q.dispose();
    const embedding = predict(o.x, o.encode, o.predictBatch);
    return {
      labels: final,
      embedding,
      centres: { rows: o.k, cols: z0.cols, data: centres.dataSync() as Float32Array },
      initLabels,
      refreshes,
      iterations: ph.steps,
      epochs: epochsStarted,
      converged,
      lastDelta,
    };
  } finally {
    (target as tf.Tensor2D | null)?.dispose();
    opt?.dispose();
    centres.dispose();
  }
}
