// The standard preprocessing the classical baselines share, chosen by the dataset's value type:
//   raw counts      → filter genes (min counts) → normalize_total(1e4) → log1p → HVG → scale   (scanpy's recipe)
//   RPKM/normalised → filter genes → log1p → HVG → scale    (already depth-normalised; only the log is missing)
//   log-normalised  → filter genes → HVG → scale
//   scaled          → unchanged (HVG needs un-scaled log data; these go straight to PCA)
// Cells are never dropped, so labels stay aligned with the input rows.
import type { Csr, Dataset, Matrix, ValueType } from '@scbench/api';
import { filterGenes } from './filter.ts';
import { highlyVariableGenes, type HvgCutoffs } from './hvg.ts';
import { log1p } from './log1p.ts';
import { normalizeTotal } from './normalize-total.ts';
import { scale } from './scale.ts';
import { selectColumns } from './subset.ts';

export interface PipelineOptions {
  /** Number of highly variable genes, or false to keep all (default 2000; all genes if fewer). */
  readonly hvg?: number | false;
  /** Select HVGs by scanpy's cut-offs instead of a top n (used when `hvg` is not given; DESC's recipe). */
  readonly hvgCutoffs?: HvgCutoffs;
  /** normalize_total target (default 1e4). */
  readonly targetSum?: number;
  /** Gene filter before anything else: minimum total counts (default 1: drops all-zero genes, as scDeepCluster). */
  readonly minGeneCounts?: number;
  /** Standardise genes at the end (default true). */
  readonly scale?: boolean;
  /** Clip value for scaling (default 10). */
  readonly maxValue?: number;
}

export interface Preprocessed {
  readonly data: Matrix | Csr;
  /** Column j of `data` is gene `geneIndex[j]` of the input. */
  readonly geneIndex: Int32Array;
  readonly genes?: readonly string[];
  /** What the values are now. */
  readonly valueType: ValueType;
  /** The steps applied, in order, for records (e.g. "normalize_total(1e4)"). */
  readonly steps: readonly string[];
}

export function standardPipeline(dataset: Dataset, o: PipelineOptions = {}): Preprocessed {
  const steps: string[] = [];
  const vt = dataset.valueType;
  let m: Matrix | Csr = dataset.counts;
  let index: Int32Array = Int32Array.from({ length: m.cols }, (_, j) => j);
  if (vt === 'scaled') {
    return { data: m, geneIndex: index, genes: dataset.genes, valueType: vt, steps: ['none: data are already scaled'] };
  }
  const minCounts = o.minGeneCounts ?? 1;
  if (minCounts > 0) {
    const f = filterGenes(m, { minCounts });
    if (f.kept.length < m.cols) steps.push(`filter_genes(min_counts=${minCounts}): ${m.cols} → ${f.kept.length}`);
    m = f.counts;
    index = f.kept;
  }
  let current: ValueType = vt;
  if (vt === 'raw counts') {
    const t = o.targetSum ?? 1e4;
    m = normalizeTotal(m, { targetSum: t });
    steps.push(`normalize_total(${t})`);
  }
  if (vt !== 'log-normalised') {
    m = log1p(m);
    steps.push('log1p');
    current = 'log-normalised';
  }
  if (o.hvgCutoffs && o.hvg === undefined) {
    const h = highlyVariableGenes(m, { cutoffs: o.hvgCutoffs });
    if (h.indices.length === 0) throw new Error(`dataset '${dataset.id}': no gene passes the HVG cut-offs; loosen them or select a top n`);
    m = selectColumns(m, h.indices);
    index = Int32Array.from(h.indices, (k) => index[k]);
    steps.push(`highly_variable_genes(seurat, cut-offs): ${h.indices.length} genes`);
  }
  const nTop = o.hvgCutoffs && o.hvg === undefined ? false : (o.hvg ?? 2000);
  if (nTop !== false && nTop < m.cols) {
    const h = highlyVariableGenes(m, { nTop });
    m = selectColumns(m, h.indices);
    index = Int32Array.from(h.indices, (k) => index[k]);
    steps.push(`highly_variable_genes(seurat, n_top=${nTop}): ${h.indices.length} genes`);
  }
  if (o.scale ?? true) {
    m = scale(m, { maxValue: o.maxValue ?? 10 }).data;
    steps.push(`scale(max_value=${o.maxValue ?? 10})`);
    current = 'scaled';
  }
  const genes = dataset.genes ? Array.from(index, (k) => dataset.genes![k]) : undefined;
  return { data: m, geneIndex: index, ...(genes ? { genes } : {}), valueType: current, steps };
}
