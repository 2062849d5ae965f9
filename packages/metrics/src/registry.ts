import { SCORE_KEYS, type MetricDef, type Scores } from '@scbench/api';
import { acc, clusteringAccuracy } from './acc.ts';
import { adjustedMutualInfo, ami } from './ami.ts';
import { adjustedRand, ari, pairSums } from './ari.ts';
import { contingency } from './contingency.ts';
import { f1, macroF1 } from './f1.ts';
import { fmi, fowlkesMallows } from './fmi.ts';
import { completeness, homogeneity, homogeneityCompleteness, vMeasure } from './homogeneity.ts';
import { entropyOfSizes, mutualInfo } from './information.ts';
import { bestMatching } from './matching.ts';
import { nmi, normalizedMutualInfo } from './nmi.ts';

/** The label-agreement metrics, in SCORE_KEYS order (a test holds the two together). */
export const labelMetrics = [acc, nmi, ari, ami, f1, fmi, homogeneity, completeness, vMeasure] as const satisfies readonly MetricDef[];

export type LabelMetricId = (typeof SCORE_KEYS)[number];

/**
 * All nine label scores from one contingency table, one matching (ACC and F1), one MI and one pair of entropies
 * (NMI, AMI, homogeneity family). Same values as calling each metric's `score`.
 *
 * Edge cases follow sklearn 1.2.1 to 1e-12 (fixtures/reference.json, the 'degenerate: …' cases), except: empty
 * labelings throw (sklearn returns 1.0 for most scores, which would hide an upstream bug as a perfect score), and
 * mismatched lengths throw naming both lengths.
 */
export function scoreAll(truth: Int32Array, pred: Int32Array): Scores {
  const c = contingency(truth, pred);
  const matching = bestMatching(c);
  const mi = mutualInfo(c);
  const hTrue = entropyOfSizes(c.rowSums);
  const hPred = entropyOfSizes(c.colSums);
  const pairs = pairSums(c);
  const hcv = homogeneityCompleteness(c, mi, hTrue, hPred);
  return {
    acc: clusteringAccuracy(c, matching),
    nmi: normalizedMutualInfo(c, mi, hTrue, hPred),
    ari: adjustedRand(c, pairs),
    ami: adjustedMutualInfo(c, mi, hTrue, hPred),
    f1: macroF1(c, matching),
    fmi: fowlkesMallows(c, pairs),
    homogeneity: hcv.homogeneity,
    completeness: hcv.completeness,
    vMeasure: hcv.vMeasure,
  };
}
