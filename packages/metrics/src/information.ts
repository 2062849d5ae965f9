import type { Contingency } from './contingency.ts';
import { pairwiseSum } from './sum.ts';

const EPS = 2.220446049250313e-16; // np.finfo(float64).eps

/**
 * Shannon entropy (nats) of a labeling given its class sizes, as sklearn's `entropy`: 0 for a single class,
 * otherwise −Σ (cᵢ/n)(ln cᵢ − ln n), summed in numpy's order.
 */
export function entropyOfSizes(sizes: Int32Array): number {
  if (sizes.length <= 1) return 0;
  let total = 0;
  for (let i = 0; i < sizes.length; i++) total += sizes[i];
  const logTotal = Math.log(total);
  const terms = new Float64Array(sizes.length);
  for (let i = 0; i < sizes.length; i++) terms[i] = (sizes[i] / total) * (Math.log(sizes[i]) - logTotal);
  return -pairwiseSum(terms);
}

/**
 * Mutual information (nats) from the contingency table, as sklearn's `mutual_info_score`: 0 when either side has a
 * single cluster (MI ≤ min(H(U), H(V)) = 0); per-cell terms below machine epsilon are zeroed and the total is
 * clipped at 0, exactly as sklearn does, so that identical partitions give MI == H bit for bit.
 */
export function mutualInfo(c: Contingency): number {
  if (c.rows === 1 || c.cols === 1) return 0;
  const n = c.n;
  const logN = Math.log(n);
  const terms = new Float64Array(c.counts.length);
  for (let r = 0; r < c.rows; r++) {
    const a = c.rowSums[r];
    for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) {
      const v = c.counts[k];
      const share = v / n;
      // sklearn: log_outer = −log(a·b) + log(Σa) + log(Σb); both sums are n.
      const logOuter = -Math.log(a * c.colSums[c.indices[k]]) + logN + logN;
      const term = share * (Math.log(v) - logN) + share * logOuter;
      terms[k] = Math.abs(term) < EPS ? 0 : term;
    }
  }
  return Math.max(pairwiseSum(terms), 0);
}
