/**
 * The per-epoch k-means that gives scCDCG its centres and pseudo-labels (`train_scCDCG.py` lines 279–294 and
 * 359–369; METHODS.md §4.4).
 *
 * - 'restart' (original): `KMeans(K, n_init=20)` from scratch on z every epoch. Cluster indices are arbitrary
 *   from one epoch to the next, which is harmless while the Sinkhorn target P is recomputed from the same
 *   epoch's Q, but switches labels under a frozen P (§6 bug 2).
 * - 'warm' (label-free, cheaper): one Lloyd run started from the previous epoch's centres. z moves little per
 *   Adam step, so this converges in a few iterations and keeps indices stable by construction.
 *
 * `match` permutes the new clusters onto the previous centres (Hungarian on squared centre distances), so that
 * column j of Q keeps meaning the same cluster across epochs — what a target refreshed only every 10 epochs needs.
 */
import type { Matrix } from '@scbench/api';
import { kmeans, linearSumAssignment } from '@scbench/numerics';

export type ClusterRefresh = 'restart' | 'warm';

export interface ClusterState {
  labels: Int32Array;
  /** k × d. */
  centres: Matrix;
}

export interface RefreshOptions {
  refresh: ClusterRefresh;
  /** Restarts for 'restart' (20 in the original). */
  nInit: number;
  seed: number;
  /** Permute onto the previous centres (Hungarian). */
  match: boolean;
  /** Threads for the restarts (same result for any value). Default 1. */
  threads?: number;
}

export function refreshClusters(z: Matrix, k: number, prev: ClusterState | null, o: RefreshOptions): ClusterState {
  const warm = o.refresh === 'warm' && prev !== null && prev.centres.cols === z.cols;
  const km = warm ? kmeans(z, k, { init: prev.centres, seed: o.seed }) : kmeans(z, k, { nInit: o.nInit, seed: o.seed, threads: o.threads });
  const next = { labels: km.labels, centres: km.centers };
  return o.match && prev !== null && prev.centres.cols === z.cols ? matchClusters(prev.centres, next) : next;
}

/** Relabel `next` so that its cluster j is the one closest to previous centre j (minimum total squared distance). */
export function matchClusters(prevCentres: Matrix, next: ClusterState): ClusterState {
  const k = prevCentres.rows;
  const d = prevCentres.cols;
  if (next.centres.rows !== k || next.centres.cols !== d) throw new Error(`matchClusters: centres are ${next.centres.rows}×${next.centres.cols}, previous ${k}×${d}`);
  const cost = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = prevCentres.data[a * d + f] - next.centres.data[b * d + f];
        s += t * t;
      }
      cost[a * k + b] = s;
    }
  }
  const assign = linearSumAssignment(cost, k, k); // previous a ← new assign[a]
  const newToOld = new Int32Array(k);
  for (let a = 0; a < k; a++) newToOld[assign[a]] = a;
  const centres = new Float32Array(k * d);
  for (let a = 0; a < k; a++) centres.set(next.centres.data.subarray(assign[a] * d, (assign[a] + 1) * d), a * d);
  const labels = Int32Array.from(next.labels, (l) => newToOld[l]);
  return { labels, centres: { rows: k, cols: d, data: centres } };
}

/** Cluster sizes (Sinkhorn's column marginals). */
export function clusterSizes(labels: Int32Array, k: number): Float64Array {
  const c = new Float64Array(k);
  for (const l of labels) c[l]++;
  return c;
}
