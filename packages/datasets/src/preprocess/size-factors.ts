import type { Csr, Matrix } from '@scbench/api';
import { cellTotals, median } from './stats.ts';

/**
 * Library size / median library size per cell: what DCA and scDeepCluster store as `size_factors`
 * (`adata.obs.n_counts / np.median(adata.obs.n_counts)`) and feed to the NB/ZINB mean. Computed on raw counts.
 * A cell with no counts gets 0 (as in DCA); filter such cells first if a method divides by the factor.
 */
export function sizeFactors(counts: Matrix | Csr): Float64Array {
  const totals = cellTotals(counts);
  const med = median(totals);
  const out = new Float64Array(totals.length);
  if (!(med > 0)) return out.fill(totals.length ? 1 : 0);
  for (let i = 0; i < totals.length; i++) out[i] = totals[i] / med;
  return out;
}
