import type { Dataset, Matrix } from '@scbench/api';
import {
  filterGenes, highlyVariableGenes, likelihoodCounts, log1p, normalizeTotal, scale, selectColumns, selectRows, sizeFactors, toDense,
} from '@scbench/datasets';

export interface AttentionInput {
  /** log1p(normalize_per_cell 1e4) on the HVGs: the graph's input. */
  readonly logX: Matrix;
  /** Raw counts of the same genes: the ZINB target. */
  readonly counts: Matrix;
  /** Per cell: total / median total of the gene-filtered counts (before HVG), as `load_data` stores them. */
  readonly sizeFactors: Float32Array;
  /** What the counts are: 'raw counts', or the conversion of non-count values. */
  readonly countsFrom: string;
}

/**
 * AttentionAE-sc's `utils.load_data` (LiShenghao813/AttentionAE-sc@8bfbbb8 utils.py lines 39–64): filter_genes
 * (min_cells=1), `normalize_per_cell(counts_per_cell_after=1e4)` with size factors = total / median total, log1p,
 * `nTop` HVGs (Seurat dispersion), the raw counts restricted to them. Cells are never dropped (filter_cells(min_genes=1)
 * in the original). Data that are not raw counts take the same path from the values `likelihoodCounts` gives
 * (log-normalised: expm1, or with logInput=as-given the stored values, which is what the original computes on them).
 */
export function attentionInput(data: Dataset, nTop: number, logInput: 'expm1' | 'as-given' = 'expm1'): AttentionInput {
  const source = likelihoodCounts(data, logInput);
  const f = filterGenes(source.counts, { minCells: 1 });
  if (f.kept.length === 0) throw new Error(`attentionae-sc: dataset '${data.id}' has no gene with a non-zero value`);
  const sf = Float32Array.from(sizeFactors(f.counts));
  let logX = log1p(normalizeTotal(f.counts, { targetSum: 1e4 }));
  let counts = f.counts;
  if (nTop < logX.cols) {
    const h = highlyVariableGenes(logX, { nTop });
    logX = selectColumns(logX, h.indices);
    counts = selectColumns(counts, h.indices);
  }
  return { logX: toDense(logX), counts: toDense(counts), sizeFactors: sf, countsFrom: source.step ?? 'raw counts' };
}

/** The rows of an input, for a training subsample. */
export function subsetInput(input: AttentionInput, rows: Int32Array): AttentionInput {
  return {
    logX: toDense(selectRows(input.logX, rows)),
    counts: toDense(selectRows(input.counts, rows)),
    sizeFactors: Float32Array.from(rows, (r) => input.sizeFactors[r]),
    countsFrom: input.countsFrom,
  };
}

/** sklearn's `preprocessing.scale` (population std; a constant gene stays 0): the network's input. */
export function zscore(m: Matrix): Matrix {
  const s = scale(m, { maxValue: null });
  // scale() divides by the ddof = 1 std as scanpy; sklearn uses ddof = 0: rescale by √((n−1)/n).
  const f = Math.sqrt((m.rows - 1) / Math.max(1, m.rows));
  return { rows: s.data.rows, cols: s.data.cols, data: s.data.data.map((v) => v / f) };
}
