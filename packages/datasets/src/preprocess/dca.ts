// DCA-style preprocessing, as DCA's `io.normalize` and its copies in scDeepCluster, scDCC, scziDesk and scNAME do it:
//   1. filter genes with min_counts ≥ 1;
//   2. keep the raw counts (adata.raw) — the likelihood is computed on them;
//   3. normalize_per_cell (each cell to the median total); size factor = total / median total;
//   4. log1p;
//   5. optionally HVG (Seurat dispersion; scziDesk 500, scNAME 1000) on the log data — the raw counts are restricted
//      to the same genes (scziDesk's `adata.raw[:, adata.var_names]`);
//   6. scale (z-score, no clipping: DCA calls sc.pp.scale without max_value).
// Deviation: the originals also drop cells with zero counts (filter_cells min_counts=1); we keep every row so that the
// method's labels stay aligned with the dataset's cells. A cell with no counts keeps size factor 0, all-zero input
// and all-zero counts, which the ZINB likelihood handles (P(0) = 1 under a zero mean).
// Input that is not raw counts: normalised / RPKM values are used as they are for the likelihood (the originals assert
// integers; lgamma is defined for any x ≥ 0); log-normalised values are turned back with expm1; scaled values,
// which are negative, are refused.
import type { Dataset, Matrix } from '@scbench/api';
import { filterGenes } from './filter.ts';
import { highlyVariableGenes, type HvgCutoffs } from './hvg.ts';
import { log1p } from './log1p.ts';
import { normalizeTotal } from './normalize-total.ts';
import { scale } from './scale.ts';
import { toDense } from '../sparse.ts';
import { selectColumns, mapValues } from './subset.ts';
import { sizeFactors } from './size-factors.ts';

export interface DcaOptions {
  /** Highly variable genes to keep (Seurat flavour, top n); omit or false for all genes. */
  readonly hvg?: number | false;
  /** Select HVGs by cut-offs instead of top n (scanpy semantics; ignored when `hvg` is a number, as in scanpy). */
  readonly hvgCutoffs?: HvgCutoffs;
  /** z-score genes at the end (default true). */
  readonly scale?: boolean;
  /**
   * Log-normalised input: 'expm1' (default) turns it back into counts; 'as-given' uses the stored log values as the
   * counts, as the originals do when handed such a file with their integer check skipped.
   */
  readonly logInput?: 'expm1' | 'as-given';
}

export interface DcaPreprocessed {
  /** Model input: log1p(normalised) (and scaled) values, cells × kept genes, dense. */
  readonly x: Matrix;
  /** Counts of the same cells and genes, dense, for the NB/ZINB likelihood. */
  readonly counts: Matrix;
  /** Per cell: total / median total of the (gene-filtered) counts. */
  readonly sizeFactors: Float32Array;
  /** Column j is gene geneIndex[j] of the dataset. */
  readonly geneIndex: Int32Array;
  readonly genes?: readonly string[];
  readonly steps: readonly string[];
}

/**
 * The values a count likelihood reads, by value type: raw counts as they are; normalised / RPKM values as stored;
 * log-normalised values back through expm1 or ('as-given') as stored; scaled values refused. `step` names the
 * conversion for a record's info (absent for raw counts). Methods with their own normalisation reuse it.
 */
export function likelihoodCounts(dataset: Dataset, logInput: 'expm1' | 'as-given' = 'expm1'): { counts: Matrix; step?: string } {
  switch (dataset.valueType) {
    case 'raw counts':
      return { counts: dataset.counts };
    case 'normalised':
    case 'RPKM':
      return { counts: dataset.counts, step: `the ${dataset.valueType} values as stored (not raw counts)` };
    case 'log-normalised':
      if (logInput === 'as-given') return { counts: dataset.counts, step: 'the log-normalised values as stored (not raw counts)' };
      return { counts: mapValues(dataset.counts, Math.expm1), step: 'expm1 of the log-normalised values (not raw counts)' };
    case 'scaled':
      throw new Error(`dataset '${dataset.id}' holds scaled (z-scored) values; a count likelihood needs non-negative ` +
        'counts. Use the dataset\'s raw-count file, or a method without a count likelihood.');
  }
}

export function dcaPreprocess(dataset: Dataset, o: DcaOptions = {}): DcaPreprocessed {
  const steps: string[] = [];
  const converted = likelihoodCounts(dataset, o.logInput);
  if (converted.step) steps.push(`counts: ${converted.step}`);
  let counts = converted.counts;
  const f = filterGenes(counts, { minCounts: 1 });
  if (f.kept.length === 0) throw new Error(`dataset '${dataset.id}': every gene has zero counts; nothing to cluster`);
  if (f.kept.length < counts.cols) steps.push(`filter_genes(min_counts=1): ${counts.cols} → ${f.kept.length}`);
  counts = f.counts;
  let index = f.kept;
  const sf = sizeFactors(counts);
  let x = log1p(normalizeTotal(counts, { targetSum: 'median' }));
  steps.push('normalize_per_cell(median)', 'size_factors = total / median', 'log1p');
  const nTop = o.hvg === false ? undefined : o.hvg;
  if ((nTop !== undefined && nTop < x.cols) || (nTop === undefined && o.hvgCutoffs)) {
    const h = highlyVariableGenes(x, nTop !== undefined ? { nTop } : { cutoffs: o.hvgCutoffs });
    if (h.indices.length === 0) throw new Error(`dataset '${dataset.id}': no gene passes the HVG cut-offs; loosen hvgCutoffs or use a top-n count`);
    x = selectColumns(x, h.indices);
    counts = selectColumns(counts, h.indices);
    index = Int32Array.from(h.indices, (k) => index[k]);
    steps.push(`highly_variable_genes(seurat, ${nTop !== undefined ? `n_top=${nTop}` : 'cut-offs'}): ${h.indices.length} genes`);
  }
  const xm = o.scale ?? true ? scale(x, { maxValue: null }).data : toDense(x);
  if (o.scale ?? true) steps.push('scale(zero_center, no clip)');
  const genes = dataset.genes ? Array.from(index, (k) => dataset.genes![k]) : undefined;
  return {
    x: xm,
    counts: toDense(counts),
    sizeFactors: Float32Array.from(sf),
    geneIndex: index,
    ...(genes ? { genes } : {}),
    steps,
  };
}

/** Which values the likelihood reads, for a record's info: the conversion step above ('expm1 of …'), or 'raw counts'. */
export function dcaCountsSource(pre: DcaPreprocessed): string {
  const step = pre.steps.find((s) => s.startsWith('counts: '));
  return step ? step.slice('counts: '.length) : 'raw counts';
}
