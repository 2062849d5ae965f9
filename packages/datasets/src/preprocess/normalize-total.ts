import type { Csr, Matrix } from '@scbench/api';
import { cellTotals, median } from './stats.ts';
import { mapValues } from './subset.ts';

export interface NormalizeTotalOptions {
  /** Total per cell after scaling; 'median' = the median of the cells' totals (scanpy's target_sum=None). */
  readonly targetSum?: number | 'median';
}

/**
 * Scale each cell so that its counts sum to `targetSum` (default 1e4), as scanpy's pp.normalize_total with
 * exclude_highly_expressed=False. Cells with a total of 0 stay all-zero (scanpy divides them by 1).
 * For 'median', scanpy takes the median over cells with a non-zero total; so do we.
 */
export function normalizeTotal(m: Matrix | Csr, o: NormalizeTotalOptions = {}): Matrix | Csr {
  const totals = cellTotals(m);
  const target = o.targetSum === 'median' ? median(totals.filter((t) => t > 0)) : (o.targetSum ?? 1e4);
  const scale = totals.map((t) => (t > 0 ? target / t : 0));
  return mapValues(m, (x, i) => x * scale[i]);
}
