// The common tail of every loader: pick the storage, settle the value type and nClusters, run the checks.
import { basename } from 'node:path';
import type { Csr, Matrix, Truth, ValueType } from '@scbench/api';
import { checkLoaded, countEmptyCells } from './checks.ts';
import { DataError } from './errors.ts';
import { withStorage } from './sparse.ts';
import type { CommonLoadOptions, DatasetFormat, LoadedDataset } from './types.ts';
import { inferValueType } from './value-type.ts';

export interface LoadParts {
  readonly format: DatasetFormat;
  readonly file: string;
  readonly matrix: string;
  readonly counts: Matrix | Csr;
  readonly genes?: readonly string[];
  readonly geneIds?: readonly string[];
  readonly cells?: readonly string[];
  readonly truth: Truth | null;
  readonly labelSource: string | null;
  readonly sourceValueType: string | null;
  /** The value type the file states; null ⇒ inferred from the values. */
  readonly valueType: ValueType | null;
  readonly species?: string;
  readonly taxonId?: number;
  readonly notes: string[];
  readonly startedAt: number;
}

export function defaultId(file: string): string {
  return basename(file.replace(/\/+$/, '')).replace(/(\.(h5ad|h5|hdf5|csv|tsv|txt|mtx))?(\.gz)?$/i, '');
}

export function assemble(p: LoadParts, o: CommonLoadOptions): LoadedDataset {
  const notes = [...p.notes];
  const counts = withStorage(p.counts, o.storage ?? 'auto');
  let valueType = o.valueType ?? p.valueType;
  if (!valueType) {
    valueType = inferValueType(counts);
    notes.push(`valueType '${valueType}' inferred from the values (add :valueType=… to the dataset spec to override)`);
  }
  const emptyCells = countEmptyCells(counts);
  if (emptyCells > 0 && emptyCells < counts.rows) {
    notes.push(`${emptyCells} of ${counts.rows} cells have no counts (every value 0); kept, as loaded (scanpy's filter_cells(min_counts=1) would drop them)`);
  }
  let nClusters = o.nClusters;
  if (p.truth) nClusters ??= p.truth.names.length;
  if (nClusters === undefined) {
    throw new DataError('no labels were read and no nClusters was given', p.file, 'pass nClusters (the number of clusters to find) when loading without labels');
  }
  const loaded: LoadedDataset = {
    dataset: {
      id: o.id ?? defaultId(p.file),
      counts,
      valueType,
      ...(p.genes ? { genes: p.genes } : {}),
      ...(p.geneIds ? { geneIds: p.geneIds } : {}),
      ...(p.cells ? { cells: p.cells } : {}),
      ...((o.species ?? p.species) ? { species: o.species ?? p.species } : {}),
      ...((o.taxonId ?? p.taxonId) !== undefined ? { taxonId: o.taxonId ?? p.taxonId } : {}),
      nClusters,
    },
    truth: p.truth,
    meta: {
      format: p.format,
      file: p.file,
      matrix: p.matrix,
      labelSource: p.labelSource,
      sourceValueType: p.sourceValueType,
      storage: 'indptr' in counts ? 'csr' : 'dense',
      emptyCells,
      notes,
      seconds: (performance.now() - p.startedAt) / 1000,
    },
  };
  if (o.check !== false) checkLoaded(loaded);
  return loaded;
}
