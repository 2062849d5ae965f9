import type { Matrix } from '@scbench/api';
import { createRng } from '@scbench/numerics';
import { denseCodes } from './contingency.ts';
import { pairwiseSum } from './sum.ts';

export interface SilhouetteOptions {
  /**
   * Score a random subset of this many samples (sklearn's `sample_size`): the exact cost is O(n²·d), so large
   * embeddings are usually sampled. Drawn without replacement from `seed`'s stream (numerics' createRng); the
   * subset therefore differs from numpy's for the same seed, only the semantics match.
   */
  readonly sampleSize?: number;
  /** Seed for `sampleSize` (sklearn's `random_state`); default 0. */
  readonly seed?: number;
}

/**
 * Mean silhouette coefficient, euclidean, as sklearn's `silhouette_score`: for each sample, a = mean distance to the
 * rest of its own cluster, b = lowest mean distance to another cluster, s = (b − a)/max(a, b); samples of singleton
 * clusters score 0 (sklearn's nan_to_num of 0/0), as do samples with a = b = 0.
 *
 * Throws, like sklearn's ValueError, unless 2 ≤ clusters ≤ samples − 1 (counted after sampling): a silhouette is not
 * defined there, and a thrown error cannot be mistaken for a score (the runner records it as missing).
 *
 * Distances are computed in float64 from the float32 embedding by direct differences; sklearn uses
 * ‖x‖² + ‖y‖² − 2x·y, which agrees to ~1e-13 on ordinary data but loses digits for near-duplicate points.
 */
export function silhouetteScore(embedding: Matrix, labels: Int32Array, options: SilhouetteOptions = {}): number {
  const { rows, cols, data } = embedding;
  if (labels.length !== rows) {
    throw new Error(`silhouette: embedding has ${rows} rows but labels has ${labels.length} entries`);
  }
  if (rows === 0) throw new Error('silhouette: cannot score an empty embedding (0 samples)');
  let samples: Int32Array = Int32Array.from({ length: rows }, (_, i) => i);
  if (options.sampleSize !== undefined) {
    const size = options.sampleSize;
    if (!Number.isInteger(size) || size < 1) throw new Error(`silhouette: sampleSize must be a positive integer, got ${size}`);
    createRng(options.seed ?? 0).shuffle(samples);
    samples = samples.slice(0, Math.min(size, rows));
  }
  const m = samples.length;
  const { codes, sizes } = denseCodes(Int32Array.from(samples, (i) => labels[i]));
  const k = sizes.length;
  if (!(k > 1 && k < m)) {
    throw new Error(`silhouette: number of labels is ${k}; valid values are 2 to n_samples − 1 = ${m - 1} (inclusive)`);
  }
  // sums[i·k + c] = Σ distance from sample i to the samples of cluster c; each pair computed once.
  const sums = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const oi = samples[i] * cols;
    const ci = codes[i];
    for (let j = i + 1; j < m; j++) {
      const oj = samples[j] * cols;
      let s = 0;
      for (let d = 0; d < cols; d++) {
        const diff = data[oi + d] - data[oj + d];
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      sums[i * k + codes[j]] += dist;
      sums[j * k + ci] += dist;
    }
  }
  const scores = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ci = codes[i];
    const a = sums[i * k + ci] / (sizes[ci] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== ci) b = Math.min(b, sums[i * k + c] / sizes[c]);
    const s = (b - a) / Math.max(a, b);
    scores[i] = Number.isNaN(s) ? 0 : s;
  }
  return pairwiseSum(scores) / m;
}
