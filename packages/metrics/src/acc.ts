import { defineMetric } from '@scbench/api';
import { contingency, type Contingency } from './contingency.ts';
import { bestMatching, type Matching } from './matching.ts';

/**
 * Clustering accuracy: the fraction of samples labelled correctly under the best one-to-one mapping of predicted
 * clusters to true classes (Hungarian method, scipy's `linear_sum_assignment` on −contingency). When k differs, the
 * mapping is rectangular and samples in unmatched clusters count as wrong. Unlike the `best_map` helper in the
 * original DEC/scDeepCluster code, labels outside the truth's code set are not zeroed: they are ordinary clusters.
 */
export function clusteringAccuracy(c: Contingency, matching: Matching = bestMatching(c)): number {
  return matching.matched / c.n;
}

export const acc = defineMetric({
  id: 'acc',
  label: 'ACC',
  higherIsBetter: true,
  range: [0, 1],
  score: (truth, pred) => clusteringAccuracy(contingency(truth, pred)),
});
