import type { Dataset, Matrix } from '@scbench/api';
import { filterGenes, geneMeanVar, likelihoodCounts, log1p, selectColumns, toDense } from '@scbench/datasets';

export interface ScgnnInput {
  /** log(x + 1) of the selected genes, cells × genes. */
  readonly x: Matrix;
  /** How the stored values were turned into expression values ('expm1 of …'), when they were not raw counts. */
  readonly step?: string;
}

/**
 * scGNN's preprocessing (juexinwang/scGNN@09ac50b PreprocessingscGNN.py `preprocessingCSV`, lines 288–297): genes
 * non-zero in at least 1% of the cells, the `genes` genes of largest variance (of the values before the log), then
 * log(x + 1). The original also drops cells non-zero in fewer than 1% of the genes (line 290); cells are never
 * dropped here, so the runner's labels stay aligned. Log-normalised data go back through expm1 first (as the other
 * count-based baselines) or, with 'as-given', are logged again as the original would; other value types are used as
 * stored; scaled values are refused.
 */
export function scgnnInput(data: Dataset, genes: number, logInput: 'expm1' | 'as-given' = 'expm1'): ScgnnInput {
  if (data.valueType === 'scaled') {
    throw new Error(`scgnn: dataset '${data.id}' holds scaled (z-scored) values; scGNN takes log(x + 1) of non-negative expression. Use the dataset's count or log-normalised file.`);
  }
  const { counts, step } = likelihoodCounts(data, logInput);
  const n = counts.rows;
  const minCells = Math.ceil(0.01 * n - 1e-9);
  const f = filterGenes(counts, { minCells });
  if (f.kept.length === 0) throw new Error(`scgnn: dataset '${data.id}' has no gene non-zero in 1% (${minCells}) of its cells`);
  const { variance } = geneMeanVar(f.counts);
  const order = Array.from(variance.keys()).sort((a, b) => variance[b] - variance[a] || a - b);
  const top = order.slice(0, Math.min(genes, order.length)).sort((a, b) => a - b);
  return { x: toDense(log1p(selectColumns(f.counts, top))), step };
}
