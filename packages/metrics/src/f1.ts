import { defineMetric } from '@scbench/api';
import { contingency, type Contingency } from './contingency.ts';
import { bestMatching, type Matching } from './matching.ts';

/**
 * Macro-F1 after the ACC matching — precisely:
 * 1. Map predicted clusters to true classes with `bestMatching` (max matched samples; ties broken by max macro-F1).
 * 2. Samples of an unmatched cluster (k_pred > k_true) get a label that is no true class: they are false negatives
 *    of their true class and false positives of nobody.
 * 3. F1 per *true* class c: 2·TP/(2·TP + FP + FN) = 2·n_cj/(a_c + b_j) for its matched cluster j, 0 when c is
 *    unmatched (k_pred < k_true). Every true class has support, so no 0/0 arises.
 * 4. Unweighted mean over the true classes.
 * That is sklearn's `f1_score(y_true, y_mapped, labels=<true classes>, average='macro')`, the call
 * fixtures/make_reference.py makes.
 */
export function macroF1(c: Contingency, matching: Matching = bestMatching(c)): number {
  let total = 0;
  for (let r = 0; r < c.rows; r++) {
    const j = matching.rowToCol[r];
    if (j < 0) continue;
    total += (2 * matching.rowMatched[r]) / (c.rowSums[r] + c.colSums[j]);
  }
  return total / c.rows;
}

export const f1 = defineMetric({
  id: 'f1',
  label: 'F1 (macro, matched)',
  higherIsBetter: true,
  range: [0, 1],
  score: (truth, pred) => macroF1(contingency(truth, pred)),
});
