/**
 * The optimal-transport self-supervision target (METHODS.md §3.8 step 6, §3.9, §4.4): P = Sinkhorn(Q^λ) with
 * row marginals 1 and column marginals = the current pseudo-label cluster sizes; λ = 5. The balancing loop is
 * numerics' `sinkhornBalance`, which matches the original's (1000 fixed iterations, −9e-15 sentinel).
 *
 * Refresh schedule:
 * - 'paper': at epoch 1 and whenever `epoch // 10 == 0` — i.e. epochs 1–9 only, then P is frozen for the
 *   remaining epochs while k-means keeps renumbering clusters (§6 bug 2; the intended `epoch % 10`).
 * - 'every10': at epochs 1, 11, 21, … (what the paper text says); pair it with cluster matching.
 */
import type { Matrix } from '@scbench/api';
import { sinkhornBalance } from '@scbench/numerics';
import { clusterSizes } from './clusters.ts';

export type TargetSchedule = 'paper' | 'every10';

/** Whether P is recomputed at this (1-based) epoch. */
export function refreshesTarget(schedule: TargetSchedule, epoch: number): boolean {
  if (schedule === 'paper') return epoch === 1 || Math.floor(epoch / 10) === 0;
  return (epoch - 1) % 10 === 0;
}

/** P for the soft assignment Q (N×K) and the current pseudo-labels. */
export function sinkhornTarget(q: Matrix, pseudoLabels: Int32Array, power = 5): Matrix {
  return sinkhornBalance(q, clusterSizes(pseudoLabels, q.cols), { power });
}
