import type { Params, RunRecord } from '@scbench/api';
import type { RunPicture } from '@scbench/report';

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

/** What the worker measured; the parent adds identity and provenance to make the RunRecord. */
export type WorkerResult = Pick<
  RunRecord,
  'error' | 'scores' | 'silhouette' | 'paperProtocol' | 'nClusters' | 'nPredicted' | 'cells' | 'genes' | 'seconds' | 'peakRssMb' | 'info' | 'backend' | 'supervision'
> & {
  ok: boolean;
  /** true when the failure is in the input (e.g. a missing file), not in the method. */
  badInput: boolean;
  /** What the report draws of a successful run; the parent writes it beside records.jsonl, not into the record. */
  picture?: RunPicture | null;
};
