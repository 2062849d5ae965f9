export { contingency, denseCodes, checkLabelings, type Contingency, type DenseCodes } from './contingency.ts';
export { entropyOfSizes, mutualInfo } from './information.ts';
export { bestMatching, type Matching } from './matching.ts';
export { acc, clusteringAccuracy } from './acc.ts';
export { f1, macroF1 } from './f1.ts';
export { nmi, normalizedMutualInfo } from './nmi.ts';
export { ami, adjustedMutualInfo, expectedMutualInfo, type EmiMethod } from './ami.ts';
export { ari, adjustedRand, pairSums } from './ari.ts';
export { fmi, fowlkesMallows } from './fmi.ts';
export { homogeneity, completeness, vMeasure, homogeneityCompleteness, type HomogeneityCompleteness } from './homogeneity.ts';
export { silhouetteScore, type SilhouetteOptions } from './silhouette.ts';
export { pairwiseSum } from './sum.ts';
/** ln Γ lives in numerics (one implementation); re-exported for the report's chi-square tail, which depends on metrics. */
export { lgamma } from '@scbench/numerics';
export { labelMetrics, scoreAll, type LabelMetricId } from './registry.ts';
