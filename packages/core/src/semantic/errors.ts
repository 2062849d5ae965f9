import { DataError } from '@scbench/datasets';

export type SemanticViewReason = 'no gene names' | 'no species' | 'unsupported species' | 'no known genes' | 'gene names mismatch';

/**
 * The semantic view cannot be built for this dataset. It is a DataError (the runner then reports bad input, not a
 * crash); `reason` is a short machine-readable cause, so a caller such as scLLM-DSC can switch the view off and
 * record why (e.g. info.semanticView = 'off: no gene names').
 */
export class SemanticViewError extends DataError {
  readonly dataset: string;
  readonly reason: SemanticViewReason;

  constructor(dataset: string, reason: SemanticViewReason, problem: string, hint: string) {
    super(`semantic view unavailable for dataset ${dataset} (${reason}): ${problem}`, dataset, hint);
    this.name = 'SemanticViewError';
    this.dataset = dataset;
    this.reason = reason;
  }
}
