// A method's declared needs (MethodDef.needs) checked against the loaded data before the method runs: a method
// that assumes counts would otherwise run on log-normalised values without a word and record a score.
import { isCsr, type AnyMethod, type Dataset, type Params } from '@scbench/api';
import { DataError } from '@scbench/datasets';

/** Why `method` needs raw counts under `params`, or null when it reads any values. */
export function rawCountsReason(method: AnyMethod, params: Params): string | null {
  const need = method.needs?.rawCounts;
  if (typeof need === 'function') return need(params) || null;
  return need ? 'it models counts' : null;
}

/** The first stored value that is not a non-negative integer, with its place; null when all are counts. */
export function firstNonCount(dataset: Dataset): { value: number; cell: number; gene: number } | null {
  const m = dataset.counts;
  for (let p = 0; p < m.data.length; p++) {
    const v = m.data[p];
    if (v < 0 || v % 1 !== 0) {
      if (!isCsr(m)) return { value: v, cell: Math.floor(p / m.cols), gene: p % m.cols };
      let cell = 0;
      while (m.indptr[cell + 1] <= p) cell++;
      return { value: v, cell, gene: m.indices[p] };
    }
  }
  return null;
}

/** Throws a DataError naming the dataset and the fix when the data lack what the method needs. */
export function checkNeeds(method: AnyMethod, params: Params, dataset: Dataset, spec: string): void {
  if (method.needs?.geneNames && !dataset.genes) {
    throw new DataError(`${method.id} needs gene names, and dataset ${spec} has none`, spec,
      'choose a dataset whose file carries gene names (scbench inspect ID prints hasGeneNames)');
  }
  const why = rawCountsReason(method, params);
  if (!why) return;
  const bad = firstNonCount(dataset);
  if (!bad) return;
  throw new DataError(
    `${method.id} needs raw counts (${why}), and dataset ${spec} holds ${dataset.valueType} values: ${bad.value} at cell ${bad.cell}, gene ${bad.gene} is not a whole number ≥ 0`,
    spec,
    `choose a dataset of raw counts ("scbench inspect ID" prints its valueType)${typeof method.needs?.rawCounts === 'function' ? ', or the parameter named above' : ''}`,
  );
}
