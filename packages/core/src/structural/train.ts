/**
 * scCDCG's two-stage training (`train_scCDCG.py` lines 262–369; METHODS.md §4.4, §3.8), reusable by scLLM-DSC.
 *
 * Pre-train (Adam with L2 weight decay): z = column-normalised h; loss = w_mse·mse + w_cov·cov + w_ort·ort.
 *   The original runs k-means every pre-train epoch only to pick the checkpoint with the best ACC *against the
 *   true labels* (§6 leakage 1). A method here never has labels, so that selection cannot be reproduced inside
 *   it: the checkpoint is the last epoch (default) or the epoch with the lowest pre-train loss (label-free), and
 *   k-means runs once, on that checkpoint's z, for the initial centres and pseudo-labels.
 * Train (a fresh Adam, no weight decay): z = normalise(h) ('row+column' in scCDCG, 'row' in scLLM-DSC's code);
 *   Q = Student-t(z, centres of the previous epoch's k-means); P = Sinkhorn(Q^λ, cluster sizes) on the refresh
 *   epochs; loss = w_mse·mse + w_cov·cov + w_ort·ort + w_kl·kl(Q, P). After each step, k-means on the z of
 *   that step's forward pass (as the original, which clusters the pre-step z) gives the next centres and
 *   pseudo-labels; those labels are the epoch's snapshot (`ctx.snapshot`) for the runner's paper protocol.
 *
 * The returned labels are the last epoch's k-means labels — the honest "final epoch" read-out.
 *
 * Hooks let scLLM-DSC add loss parts (alignment), trainable variables (projection heads) and a read-out space
 * (the fused Z) for Q and/or k-means, without touching this loop; `afterPretrainEpoch` lets a bench watch each
 * pre-train z (e.g. to emulate the original's label-selected checkpoint outside the method).
 */
import type { Context, Matrix } from '@scbench/api';
import { tf, cpuThreads, fit, studentT, toMatrix } from '@scbench/engine';
import { createRng } from '@scbench/numerics';
import { refreshClusters, type ClusterRefresh, type ClusterState } from './clusters.ts';
import type { StructuralGraph } from './graphs.ts';
import { entropyTerm, normaliseEmbedding, spectralParts, targetLoss, weightedTotal, type KlForm, type KlReduction, type Normalisation, type StructuralWeights } from './losses.ts';
import { inputStats, structuralAutoencoder, type AutoencoderOptions } from './model.ts';
import { initialiseAsPca, type AutoencoderInit } from './pca-init.ts';
import { refreshesTarget, sinkhornTarget, type TargetSchedule } from './target.ts';

export type PretrainCheckpoint = 'last' | 'min-loss';

export interface StructuralTrainOptions {
  /** Number of clusters (from the dataset). */
  k: number;
  pretrainEpochs: number;
  trainEpochs: number;
  lr: number;
  /** Pre-train only (the train optimiser has none in the original). */
  weightDecay: number;
  /** Pre-train uses mse/cov/ort; the train stage adds kl. */
  weights: StructuralWeights;
  /** Sinkhorn power λ (5). */
  power: number;
  /** z in the pre-train stage (default 'column', as both originals). */
  pretrainNormalise?: Normalisation;
  /** z in the train stage ('row+column' for scCDCG; scLLM-DSC's code uses 'row'). */
  trainNormalise: Normalisation;
  targetSchedule: TargetSchedule;
  klForm: KlForm;
  /** Default 'sum' (the originals). */
  klReduction?: KlReduction;
  clusterRefresh: ClusterRefresh;
  /** k-means restarts for 'restart' refreshes and the initial clustering (20 in the original). */
  nInit: number;
  /** Keep cluster indices stable across epochs (Hungarian on centres). */
  matchClusters: boolean;
  pretrainCheckpoint: PretrainCheckpoint;
  autoencoder?: AutoencoderOptions;
  /** The AE's starting point: 'random' (PyTorch's init, the originals) or 'pca' (its MSE optimum, `pca-init.ts`). */
  aeInit?: AutoencoderInit;
  /** Epochs per stage in smoke mode (default 2). */
  smokeEpochs?: number;
}

export interface TrainStepView {
  /** h, the encoder output. */
  h: tf.Tensor2D;
  /** z, the normalised h the structural terms act on. */
  z: tf.Tensor2D;
  epoch: number;
}

export interface StructuralHooks {
  /** Extra variables the train-stage optimiser updates (e.g. projection heads). */
  variables?: readonly tf.Variable[];
  /** Weights of the extra parts (a part without one is logged but not optimised). */
  weights?: Readonly<Record<string, number>>;
  /** Extra raw loss parts of the train stage, logged under their names. */
  trainParts?(v: TrainStepView): Record<string, tf.Scalar>;
  /** A read-out space built from z (e.g. scLLM-DSC's fused Z); default: z itself. */
  readout?(v: TrainStepView): tf.Tensor2D;
  /** The space Q is computed in (default 'readout'). scLLM-DSC's code: 'readout' with centres from 'z' (§6 bug 3). */
  assignOn?: 'z' | 'readout';
  /** The space k-means runs in (default 'readout'; scLLM-DSC's code: 'z', §6 bug 6). */
  clusterOn?: 'z' | 'readout';
  /**
   * An observer of each pre-train epoch's z (that epoch's forward pass, the z a checkpoint at that epoch would
   * cluster), cells × latent. Label-free and read-only: it cannot steer training. The original clusters every
   * pre-train z to pick its checkpoint by ACC against the labels (§6 leakage 1); only a bench may do that, here.
   */
  afterPretrainEpoch?(epoch: number, z: Matrix): void;
}

export interface StructuralResult {
  labels: Int32Array;
  /** The clustering space at the last epoch (the z k-means ran on). */
  embedding: Matrix;
  centres: Matrix;
  pretrain: { epochs: number; checkpoint: number; seconds: number; last: Record<string, number> };
  train: { epochs: number; seconds: number; last: Record<string, number>; targetRefreshes: number };
}

export async function trainStructural(x: Matrix, graph: StructuralGraph, o: StructuralTrainOptions, ctx: Context, hooks: StructuralHooks = {}): Promise<StructuralResult> {
  const { k } = o;
  if (!Number.isInteger(k) || k < 1 || k > x.rows) throw new Error(`trainStructural: k = ${k} must be an integer in [1, ${x.rows}]`);
  const ae = structuralAutoencoder(x.cols, createRng(ctx.seed, 'mulberry32'), o.autoencoder);
  if ((o.aeInit ?? 'random') === 'pca') {
    try {
      initialiseAsPca(ae, x, ctx.seed);
    } catch (e) {
      ae.dispose(); // nothing half-built is left on the engine
      throw e;
    }
  }
  const stats = inputStats(x);
  const xt = tf.tensor2d(x.data, [x.rows, x.cols]);
  const w = o.weights;
  let stash: tf.Tensor2D | null = null; // the clustering-space tensor of the latest forward pass
  const keepStash = (t: tf.Tensor2D): void => {
    stash?.dispose();
    stash = tf.keep(t.clone());
  };
  const readStash = (): Matrix => toMatrix(stash!);
  let target: tf.Tensor2D | null = null;
  const kmOpts = { refresh: o.clusterRefresh, nInit: o.nInit, seed: ctx.seed, match: o.matchClusters, threads: cpuThreads() };
  try {
    // ---------------------------------------------------------------- pre-train
    let best = { total: Infinity, epoch: 0, weights: null as Float32Array[] | null, z: null as Matrix | null };
    let lastPre = 0;
    const pre = await fit(ae, {
      smokeEpochs: o.smokeEpochs,
      phases: [{
        name: 'pretrain',
        epochs: o.pretrainEpochs,
        optimizer: { kind: 'adam', lr: o.lr, weightDecay: o.weightDecay },
        loss: () => {
          const { h, xv } = ae.encodeWithProjection(xt);
          const z = normaliseEmbedding(h, o.pretrainNormalise ?? 'column');
          keepStash(z);
          const parts = { mse: ae.reconstructionMse(xt, h, stats, xv), ...spectralParts(z, graph) };
          return { ...parts, total: weightedTotal(parts, w as unknown as Record<string, number>) };
        },
        afterEpoch: ({ epoch, parts }) => {
          lastPre = epoch;
          // Downloading z costs a sync per epoch: only when someone watches.
          if (hooks.afterPretrainEpoch) hooks.afterPretrainEpoch(epoch, readStash());
          // Label-free checkpoint: weights after the step, z of the step's forward pass (as the original saves).
          if (o.pretrainCheckpoint === 'min-loss' && parts.total < best.total) best = { total: parts.total, epoch, weights: ae.save(), z: readStash() };
        },
      }],
    }, ctx);
    let z0: Matrix;
    let checkpoint = lastPre;
    if (o.pretrainCheckpoint === 'min-loss' && best.weights) {
      ae.restore(best.weights);
      z0 = best.z!;
      checkpoint = best.epoch;
    } else z0 = readStash();
    let state: ClusterState = refreshClusters(z0, k, null, { ...kmOpts, refresh: 'restart' });
    ctx.log('pretrain-checkpoint', { epoch: checkpoint });

    // ---------------------------------------------------------------- train
    let pLogP = 0;
    let refreshes = 0;
    let sinkhornMs = 0;
    let lastZ: Matrix = z0;
    const assignOn = hooks.readout ? (hooks.assignOn ?? 'readout') : 'z';
    const clusterOn = hooks.readout ? (hooks.clusterOn ?? 'readout') : 'z';
    const vars = [...ae.variables, ...(hooks.variables ?? [])];
    const trainWeights = { ...(w as unknown as Record<string, number>), ...(hooks.weights ?? {}) };
    const main = await fit({ variables: vars }, {
      smokeEpochs: o.smokeEpochs,
      phases: [{
        name: 'train',
        epochs: o.trainEpochs,
        optimizer: { kind: 'adam', lr: o.lr },
        loss: (s) => {
          const { h, xv } = ae.encodeWithProjection(xt);
          const z = normaliseEmbedding(h, o.trainNormalise);
          const view = { h, z, epoch: s.epoch };
          const ro = hooks.readout ? hooks.readout(view) : z;
          const qSpace = assignOn === 'z' ? z : ro;
          keepStash(clusterOn === 'z' ? z : ro);
          if (state.centres.cols !== qSpace.shape[1]) {
            // A read-out narrower or wider than z (a hook's space): the pre-train centres cannot be used, so the
            // first train epoch clusters the read-out of the checkpoint itself.
            if (clusterOn === 'z' || qSpace !== ro) throw new Error(`trainStructural: centres have ${state.centres.cols} dims but Q's space has ${qSpace.shape[1]}`);
            state = refreshClusters(toMatrix(ro), k, null, { ...kmOpts, refresh: 'restart' });
          }
          const centres = tf.tensor2d(state.centres.data, [k, state.centres.cols]);
          const q = studentT(qSpace, centres, 1);
          if (target === null || refreshesTarget(o.targetSchedule, s.epoch)) {
            // As the original: P comes from this very forward pass's Q, then is held constant.
            const t0 = performance.now();
            const p = sinkhornTarget(toMatrix(q), state.labels, o.power);
            sinkhornMs = performance.now() - t0;
            target?.dispose();
            target = tf.keep(tf.tensor2d(p.data, [p.rows, p.cols]));
            pLogP = entropyTerm(p.data);
            refreshes++;
          }
          const parts: Record<string, tf.Scalar> = {
            mse: ae.reconstructionMse(xt, h, stats, xv),
            ...spectralParts(z, graph),
            kl: targetLoss(q, target, o.klForm, pLogP, o.klReduction ?? 'sum'),
            ...(hooks.trainParts?.(view) ?? {}),
          };
          return { ...parts, total: weightedTotal(parts, trainWeights) };
        },
        afterEpoch: ({ epoch }) => {
          lastZ = readStash();
          const t0 = performance.now();
          state = refreshClusters(lastZ, k, state, kmOpts);
          ctx.log('train-timing', { epoch, kmeansMs: performance.now() - t0, sinkhornMs });
          sinkhornMs = 0;
        },
        snapshot: { every: 1, labels: () => state.labels },
      }],
    }, ctx);
    return {
      labels: state.labels,
      embedding: lastZ,
      centres: state.centres,
      pretrain: { epochs: lastPre, checkpoint, seconds: pre.seconds, last: pre.phases[0].last },
      train: { epochs: main.phases[0].epochs, seconds: main.seconds, last: main.phases[0].last, targetRefreshes: refreshes },
    };
  } finally {
    (stash as tf.Tensor2D | null)?.dispose();
    (target as tf.Tensor2D | null)?.dispose();
    xt.dispose();
    ae.dispose();
  }
}
