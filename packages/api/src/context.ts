/** Everything a method may ask of the runner while it works. */
export interface Context {
  readonly seed: number;
  /** Tiny epochs and sizes: used by the convention tests and `--smoke`. */
  readonly smoke: boolean;
  readonly signal: AbortSignal;
  /** A named event with numeric values, e.g. log('epoch', { epoch: 3, recon: 0.41, kl: 0.02 }). */
  log(event: string, values?: Record<string, number>): void;
  /** Coarse progress of the current stage, shown to the user. */
  progress(stage: string, done: number, total: number): void;
  /** Cluster labels at one epoch; the runner scores them afterwards for the paper protocol only. */
  snapshot(epoch: number, labels: Int32Array): void;
  /** Memoise an expensive, label-free result (e.g. text embeddings) across runs. */
  cache<T>(key: string, make: () => Promise<T>): Promise<T>;
}
