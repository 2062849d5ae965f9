import type { Dataset, Truth, ValueType } from '@scbench/api';

/** The on-disk layouts this package reads. */
export type DatasetFormat = 'h5-uniform' | 'h5-scdcc' | 'h5ad' | '10x-mtx' | 'csv';

/** Facts about how a dataset was read: provenance for records, never consumed by methods. */
export interface LoadMeta {
  readonly format: DatasetFormat;
  /** The main file (or directory, for 10x MTX) that was read. */
  readonly file: string;
  /** Which matrix was read, e.g. "X", "raw.X", "layers/counts", "matrix.mtx.gz". */
  readonly matrix: string;
  /** Where the labels came from, e.g. "Y (1-based)", "obs/bulk_labels", "labels.tsv:label"; null if none. */
  readonly labelSource: string | null;
  /** The value type as the source states it (free text), before mapping to `ValueType`. */
  readonly sourceValueType: string | null;
  readonly storage: 'dense' | 'csr';
  /** Cells whose every value is 0 (kept, and named in `notes`; scanpy's filter_cells(min_counts=1) would drop them). */
  readonly emptyCells: number;
  /** Things worth knowing (a remapped label base, an orientation guess, ...). */
  readonly notes: readonly string[];
  readonly seconds: number;
}

/** What every loader returns. Only the runner keeps `truth`; methods receive `dataset` alone. */
export interface LoadedDataset {
  readonly dataset: Dataset;
  readonly truth: Truth | null;
  readonly meta: LoadMeta;
}

/** Dense, CSR, or whichever is cheaper ('auto': CSR when large and sparse, see `chooseStorage`). */
export type Storage = 'auto' | 'dense' | 'csr';

/** Options every loader understands. Format-specific options live in each loader's own options type. */
export interface CommonLoadOptions {
  /** Dataset id to put in `Dataset.id`; defaults to the file's base name. */
  readonly id?: string;
  /** Override the value type the loader infers. */
  readonly valueType?: ValueType;
  readonly species?: string;
  readonly taxonId?: number;
  readonly storage?: Storage;
  /** false: do not read labels (then `nClusters` must be given). */
  readonly labels?: boolean;
  /** Number of clusters when there are no labels; with labels it must agree with the class count if given. */
  readonly nClusters?: number;
  /** Run `checkLoaded` on the result (default true). */
  readonly check?: boolean;
}
