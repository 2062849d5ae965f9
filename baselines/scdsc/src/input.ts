import type { Dataset, Matrix } from '@scbench/api';
import {
  filterGenes, highlyVariableGenes, likelihoodCounts, log1p, normalizeTotal, selectColumns, sizeFactors, toDense, type HvgCutoffs,
} from '@scbench/datasets';

/** scanpy's highly_variable_genes cut-offs scDSC's scanpy_filter.py uses (line 46). */
export const SCDSC_HVG: HvgCutoffs = { minMean: 0.0125, maxMean: 3, minDisp: 0.5 };

/** With hvg=auto, data with at most this many genes keep all of them. */
export const AUTO_ALL_GENES = 1000;

export interface ScdscInput {
  /** AE, GCN and graph input: log1p(normalize_total 1e4) on the HVGs, not scaled. */
  readonly x: Matrix;
  /** Counts of the same genes, for the ZINB likelihood. */
  readonly counts: Matrix;
  /** Per cell: total of `counts` / median total (DCA's normalize on the HVG-subset counts). */
  readonly sizeFactors: Float32Array;
  /** What the counts are: 'raw counts', or the conversion of non-count values. */
  readonly countsFrom: string;
}

/**
 * scDSC's two inputs. `scanpy_filter.py` (MTAB, lines 21–61): filter_genes(min_cells=3), normalize_total(1e4), log1p,
 * HVGs by scanpy's cut-offs, no scaling — the features of the AE, the GCN and the graph (`data/<name>.txt`). The ZINB
 * term reads the raw counts of the same genes with DCA's size factors (`dsc_mtab.py` lines 231–247,
 * `preprocess.py:normalize`). `filter_cells(min_genes=200)` is not applied: cells are never dropped, so the runner's
 * labels stay aligned. Data that are not raw counts take the same path from the values `likelihoodCounts` gives
 * (log-normalised: expm1, or with logInput=as-given the stored values, which is what the original computes on them).
 */
export function scdscInput(data: Dataset, hvg: 'auto' | 'cutoffs' | 'all', logInput: 'expm1' | 'as-given' = 'expm1'): ScdscInput {
  // HVG selection exists to cut thousands of genes down; on a panel of ≤ 1000 genes the cut-offs keep a handful
  // (5 of wang_pancreas's 219), so 'auto' keeps every gene there.
  const select = hvg === 'cutoffs' || (hvg === 'auto' && data.counts.cols > AUTO_ALL_GENES);
  const source = likelihoodCounts(data, logInput);
  const countsFrom = source.step ?? 'raw counts';
  const f = filterGenes(source.counts, { minCells: 3 });
  if (f.kept.length === 0) throw new Error(`scdsc: dataset '${data.id}' has no gene expressed in 3 or more cells`);
  const logx = log1p(normalizeTotal(f.counts, { targetSum: 1e4 }));
  if (!select) return { x: toDense(logx), counts: toDense(f.counts), sizeFactors: Float32Array.from(sizeFactors(f.counts)), countsFrom };
  const h = highlyVariableGenes(logx, { cutoffs: SCDSC_HVG });
  if (h.indices.length === 0) throw new Error(`scdsc: dataset '${data.id}': no gene passes scDSC's HVG cut-offs (min_mean 0.0125, max_mean 3, min_disp 0.5); use hvg=all`);
  const counts = toDense(selectColumns(f.counts, h.indices));
  return { x: toDense(selectColumns(logx, h.indices)), counts, sizeFactors: Float32Array.from(sizeFactors(counts)), countsFrom };
}
