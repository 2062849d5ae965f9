import type { BackendInfo, ParamValue, Params, Scores } from '@scbench/api';

/** Parent → worker: one run. */
export interface WorkerRequest {
  type: 'run';
  dataset: string;
  method: string;
  seed: number;
  params: Params;
  smoke: boolean;
  cacheDir: string;
}

/** Worker → parent messages. */
export type WorkerMessage =
  | { type: 'log'; event: string; values: Record<string, number> }
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'result'; result: WorkerResult };

export interface WorkerResult {
  ok: boolean;
  error: string | null;
  /** true when the failure is in the input (e.g. a missing file), not in the method. */
  badInput: boolean;
  scores: Scores | null;
  silhouette: number | null;
  paperProtocol: { epoch: number; epochs: number; scores: Scores } | null;
  nClusters: number;
  nPredicted: number | null;
  cells: number;
  genes: number;
  seconds: number;
  peakRssMb: number;
  info: Record<string, ParamValue>;
  backend: BackendInfo | null;
}
