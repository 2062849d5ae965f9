import type { ParamValue } from './param-rules.ts';

/** The label-agreement scores every run gets; the keys are a stable interface (records.jsonl, `scbench score`). */
export interface Scores {
  acc: number;
  nmi: number;
  ari: number;
  ami: number;
  f1: number;
  fmi: number;
  homogeneity: number;
  completeness: number;
  vMeasure: number;
}

export const SCORE_KEYS = ['acc', 'nmi', 'ari', 'ami', 'f1', 'fmi', 'homogeneity', 'completeness', 'vMeasure'] as const;

export type RunStatus = 'ok' | 'failed' | 'timeout';
export type Protocol = 'honest' | 'paper';

export interface BackendInfo {
  name: string;
  version: string;
  threads: number;
}

/**
 * A semi-supervised run: the cells whose labels the runner handed the method, chosen with the run's seed. `scores`,
 * `paperProtocol` and `silhouette` cover only the other cells (`scoredCells` of them).
 */
export interface SupervisionRecord {
  kind: 'semi';
  labelFraction: number;
  /** Row indices of the labelled cells, ascending. */
  labelledCells: number[];
  scoredCells: number;
}

/** One line of records.jsonl. */
export interface RunRecord {
  dataset: string;
  method: string;
  seed: number;
  /** Which number the report leads with; both are always kept. */
  protocol: Protocol;
  status: RunStatus;
  error: string | null;
  /** Final labels (honest protocol). null when the run did not finish. */
  scores: Scores | null;
  silhouette: number | null;
  /** Best snapshot by ACC against the labels: the original papers' protocol, reported only as such. */
  paperProtocol: { epoch: number; epochs: number; scores: Scores } | null;
  nClusters: number;
  nPredicted: number | null;
  /** Absent or null: unsupervised, scored on every cell. Set for a semi-supervised method (SemiSupervisedDef). */
  supervision?: SupervisionRecord | null;
  cells: number;
  genes: number;
  seconds: number;
  peakRssMb: number;
  params: Record<string, ParamValue>;
  paramsHash: string;
  info: Record<string, ParamValue>;
  backend: BackendInfo | null;
  commit: string;
  versions: Record<string, string>;
  startedAt: string;
  finishedAt: string;
}

/**
 * Where the engine announces the backend it initialised, so the runner can record it without importing tfjs
 * (classical methods never load it). Read with `globalThis[BACKEND_SLOT]`.
 */
export const BACKEND_SLOT: unique symbol = Symbol.for('scbench.backend');

export function announcedBackend(): BackendInfo | null {
  return ((globalThis as Record<symbol, unknown>)[BACKEND_SLOT] as BackendInfo | undefined) ?? null;
}
