import { defineMetric, type MetricDef } from '@scbench/api';
import { contingency, type Contingency } from './contingency.ts';
import { entropyOfSizes, mutualInfo } from './information.ts';

export interface HomogeneityCompleteness {
  readonly homogeneity: number;
  readonly completeness: number;
  /** V-measure with β = 1: the harmonic mean of the two. */
  readonly vMeasure: number;
}

/**
 * sklearn's `homogeneity_completeness_v_measure`: homogeneity = MI/H(truth), completeness = MI/H(pred), each 1 when
 * its entropy is 0 (a single class / cluster); V = 2hc/(h + c), 0 when h + c = 0.
 */
export function homogeneityCompleteness(
  c: Contingency,
  mi: number = mutualInfo(c),
  hTrue: number = entropyOfSizes(c.rowSums),
  hPred: number = entropyOfSizes(c.colSums),
): HomogeneityCompleteness {
  const homogeneity = hTrue !== 0 ? mi / hTrue : 1;
  const completeness = hPred !== 0 ? mi / hPred : 1;
  const beta = 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

function part(id: 'homogeneity' | 'completeness' | 'vMeasure', label: string): MetricDef {
  return defineMetric({
    id,
    label,
    higherIsBetter: true,
    range: [0, 1],
    score: (truth, pred) => homogeneityCompleteness(contingency(truth, pred))[id],
  });
}

export const homogeneity = part('homogeneity', 'Homogeneity');
export const completeness = part('completeness', 'Completeness');
export const vMeasure = part('vMeasure', 'V-measure');
