import { isCsr, type Csr, type Matrix } from '@scbench/api';
import { geneMeanVar } from './stats.ts';

export interface ScaleOptions {
  /** Subtract the gene mean (default true). */
  readonly zeroCenter?: boolean;
  /** Clip at ±maxValue after scaling (default 10; null = no clipping). */
  readonly maxValue?: number | null;
}

export interface Scaled {
  /** Dense: zero-centring fills every entry. */
  readonly data: Matrix;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Per-gene standardisation as scanpy's pp.scale: std from the ddof = 1 variance; a zero (or undefined)
 * std becomes 1, so a constant gene maps to all zeros rather than NaN; then clipping. Current scanpy clips to
 * [−max_value, max_value] when zero-centring and only from above otherwise; scanpy < 1.10 clipped only from
 * above in both cases.
 */
export function scale(m: Matrix | Csr, o: ScaleOptions = {}): Scaled {
  const zeroCenter = o.zeroCenter ?? true;
  const maxValue = o.maxValue === undefined ? 10 : o.maxValue;
  const { mean, variance } = geneMeanVar(m);
  const std = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) {
    const s = Math.sqrt(variance[j]);
    std[j] = s > 0 ? s : 1;
  }
  const out = new Float32Array(m.rows * m.cols);
  if (isCsr(m)) {
    for (let i = 0; i < m.rows; i++) for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[i * m.cols + m.indices[p]] = m.data[p];
  } else out.set(m.data);
  const hi = maxValue ?? Infinity;
  const lo = zeroCenter && maxValue !== null ? -maxValue : -Infinity;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0, o2 = i * m.cols; j < m.cols; j++) {
      let v = ((zeroCenter ? out[o2 + j] - mean[j] : out[o2 + j]) / std[j]);
      if (v > hi) v = hi;
      else if (v < lo) v = lo;
      out[o2 + j] = v;
    }
  }
  return { data: { rows: m.rows, cols: m.cols, data: out }, mean, std };
}
