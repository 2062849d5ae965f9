import type { Clustering, Matrix, Scores } from '@scbench/api';
import { scoreAll, silhouetteScore } from '@scbench/metrics';
import { pick, pickRows } from './label-hand-off.ts';

export interface Snapshot {
  epoch: number;
  labels: Int32Array;
}

/**
 * The paper protocol: score every snapshot against the truth and keep the best by ACC, as the original
 * scCDCG/scLLM-DSC code reports. Only the runner does this, after the method has returned.
 */
export function bestSnapshotByAcc(truth: Int32Array, snapshots: readonly Snapshot[]): { epoch: number; epochs: number; scores: Scores } | null {
  let best: { epoch: number; scores: Scores } | null = null;
  for (const s of snapshots) {
    const scores = scoreAll(truth, s.labels);
    if (best === null || scores.acc > best.scores.acc) best = { epoch: s.epoch, scores };
  }
  return best === null ? null : { ...best, epochs: snapshots.length };
}

/** Silhouette of the method's own embedding, on at most 5,000 cells (seeded), null where undefined. */
export function embeddingSilhouette(embedding: Matrix | undefined, labels: Int32Array, seed: number): number | null {
  if (!embedding) return null;
  const k = new Set(labels).size;
  if (k < 2 || k >= labels.length) return null;
  const v = silhouetteScore(embedding, labels, { sampleSize: Math.min(5000, labels.length), seed });
  return Number.isFinite(v) ? v : null;
}

/**
 * Every score of a finished run, against the truth of the `scored` rows only (null: all rows). A semi-supervised
 * run is scored on the cells whose labels it was not handed: final scores, the paper protocol's snapshots and the
 * silhouette of its embedding alike.
 */
export function scoreRun(truth: Int32Array, out: Clustering, snapshots: readonly Snapshot[], scored: Int32Array | null, seed: number): {
  scores: Scores; silhouette: number | null; paperProtocol: { epoch: number; epochs: number; scores: Scores } | null;
} {
  const only = (labels: Int32Array) => (scored ? pick(labels, scored) : labels);
  return {
    scores: scoreAll(only(truth), only(out.labels)),
    silhouette: embeddingSilhouette(out.embedding && scored ? pickRows(out.embedding, scored) : out.embedding, only(out.labels), seed),
    paperProtocol: bestSnapshotByAcc(only(truth), snapshots.map((s) => ({ epoch: s.epoch, labels: only(s.labels) }))),
  };
}
