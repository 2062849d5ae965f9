/**
 * The structural view's parameters as scCDCG and scLLM-DSC both expose them (api `defineParams` rules): the same
 * names, allowed values and, apart from the five tabled weights, the same defaults (the originals' code). Each method
 * spreads these into its own `defineParams` and adds what is its own.
 */
import { choice, inRange, nonNegativeInt, positiveInt, real } from '@scbench/api';

/** The weights whose defaults differ between the two methods (scCDCG takes them from its per-dataset table). */
export interface StructuralWeightDefaults {
  readonly lr: number;
  readonly weightDecay: number;
  readonly balancer: number;
  readonly fOrt: number;
  readonly fKl: number;
}

export function structuralParamRules(w: StructuralWeightDefaults) {
  return {
    lr: real(w.lr, { above: 0 }),
    weightDecay: real(w.weightDecay, { min: 0 }),
    /** b in M = b·Â₁ + (1 − b)·Â₂, the cosine graph's share against the two-hop graph. */
    balancer: inRange(w.balancer, 0, 1),
    fOrt: real(w.fOrt, { min: 0 }),
    fKl: real(w.fKl, { min: 0 }),
    pretrainEpochs: nonNegativeInt(200),
    trainEpochs: nonNegativeInt(200),
    /** The Student-t / Sinkhorn sharpening power. */
    lambda: real(5, { above: 0 }),
    hidden: positiveInt(256),
    latent: positiveInt(16),
    nInit: positiveInt(20),
    /** 'last' or 'min-loss' (label-free). The originals' best-ACC checkpoint needs labels: not available. */
    pretrainCheckpoint: choice(['last', 'min-loss']),
    graph: choice(['auto', 'dense', 'factored', 'sparse']),
    sparseAbove: nonNegativeInt(50000),
    knnK: positiveInt(15),
    /** PCs for the kNN search; 0 = exact search on the normalised input. */
    knnPcs: nonNegativeInt(50),
  };
}
