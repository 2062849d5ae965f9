import type { Matrix } from '@scbench/api';

export interface EmbedOptions {
  /** Called after each batch with the number of texts embedded so far. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/**
 * A sentence encoder: texts in, one row per text out (float32, row-major).
 * `id` names the model *and* everything that changes its output (weights, pooling, truncation), because it is part
 * of the embedding cache key: two encoders with one id must give the same vectors.
 */
export interface TextEncoder {
  readonly id: string;
  readonly dim: number;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Matrix>;
  /** Release native sessions or tensors. */
  dispose?(): Promise<void> | void;
}
