// The expression values path 1 weights genes by, per stored value type.
//
// Default: what GenePT-w and scanpy users mean by "normalised expression": on raw counts log1p(normalize_total 1e4)
// (the total over *all* genes of the cell, as scanpy's normalize_total); log-normalised data as stored; linear
// normalised data (RPKM, "normalised") log1p'd so one very high gene does not stand for the whole cell; scaled data
// (z-scores) as stored — only positive values are ever selected.
// Paper mode does not come here: the original weighted by the stored values as they are (METHODS.md §3.3–3.4).
//
// Only the values of the selected genes are transformed (the ranking is unchanged by a per-cell monotone map), so no
// second cells × genes matrix is built.
import { isCsr, type Csr, type Dataset, type Matrix, type ValueType } from '@scbench/api';
import type { TopGenes } from './top-genes.ts';

export const NORMALISED_TARGET_SUM = 1e4;

export function weightTransform(valueType: ValueType): string {
  switch (valueType) {
    case 'raw counts':
      return `log1p(normalize_total ${NORMALISED_TARGET_SUM})`;
    case 'normalised':
    case 'RPKM':
      return 'log1p(stored)';
    case 'log-normalised':
    case 'scaled':
      return 'stored';
  }
}

function rowTotals(m: Matrix | Csr): Float64Array {
  const t = new Float64Array(m.rows);
  if (isCsr(m)) {
    for (let i = 0; i < m.rows; i++) for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) t[i] += m.data[p];
  } else {
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t[i] += m.data[i * m.cols + j];
  }
  return t;
}

/** `top.values` mapped to the default weights for `dataset.valueType` (a new TopGenes; genes and order unchanged). */
export function normalisedWeights(top: TopGenes, dataset: Dataset): TopGenes {
  const values = new Float32Array(top.values.length);
  switch (dataset.valueType) {
    case 'raw counts': {
      const totals = rowTotals(dataset.counts);
      for (let i = 0; i < top.cells; i++) {
        const s = totals[i] > 0 ? NORMALISED_TARGET_SUM / totals[i] : 0;
        for (let p = top.indptr[i]; p < top.indptr[i + 1]; p++) values[p] = Math.log1p(top.values[p] * s);
      }
      break;
    }
    case 'normalised':
    case 'RPKM':
      for (let p = 0; p < values.length; p++) values[p] = Math.log1p(top.values[p]);
      break;
    case 'log-normalised':
    case 'scaled':
      values.set(top.values);
      break;
  }
  return { ...top, values };
}
